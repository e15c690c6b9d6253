"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { KeyCreateSchema, KeyUpdateSchema } from "@/lib/admin/keys/key-schemas";
import type {
  ApiKeyListWire,
  IssuedApiKeyWire,
  RevokedApiKeyWire,
  RotatedApiKeyWire,
  UpdatedApiKeyWire,
} from "@/lib/admin/keys/key-wire";
import { adminFetch } from "./admin-fetch";

/** One key of a tenant, as the key list shows it (never its hash or plaintext). */
export type ApiKeyRow = ApiKeyListWire["data"][number];
export type KeyCreateInput = z.input<typeof KeyCreateSchema>;
export type KeyUpdateInput = z.input<typeof KeyUpdateSchema>;

/** GET /api/admin/tenants/{id}/keys, refreshed every 10 s (last used moves). */
export function useTenantKeys(tenantId: string) {
  return useQuery({
    queryKey: ["tenants", tenantId, "keys"],
    queryFn: ({ signal }) =>
      adminFetch<ApiKeyListWire>(`/api/admin/tenants/${tenantId}/keys`, { signal }),
    refetchInterval: 10_000,
  });
}

/** POST /api/admin/tenants/{id}/keys: the answer's `key` is the only time the plaintext exists outside the caller. */
export function useIssueKey(tenantId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: KeyCreateInput) =>
      adminFetch<IssuedApiKeyWire>(`/api/admin/tenants/${tenantId}/keys`, {
        method: "POST",
        body: input,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["tenants", tenantId, "keys"] }),
  });
}

/** DELETE /api/admin/keys/{id}: revokes at once on every instance. */
export function useRevokeKey(tenantId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      adminFetch<RevokedApiKeyWire>(`/api/admin/keys/${id}`, { method: "DELETE" }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["tenants", tenantId, "keys"] }),
  });
}

/**
 * POST /api/admin/keys/{id}/rotate `{graceSeconds}`: a new secret for the key, whose
 * plaintext is in the answer only; the old one works until the grace period ends.
 */
export function useRotateKey(tenantId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, graceSeconds }: { id: string; graceSeconds: number }) =>
      adminFetch<RotatedApiKeyWire>(`/api/admin/keys/${id}/rotate`, {
        method: "POST",
        body: { graceSeconds },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["tenants", tenantId, "keys"] }),
  });
}

/** PATCH /api/admin/keys/{id}: name, allowed models, expiry; every instance within a second. */
export function useUpdateKey(tenantId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: KeyUpdateInput }) =>
      adminFetch<UpdatedApiKeyWire>(`/api/admin/keys/${id}`, { method: "PATCH", body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["tenants", tenantId, "keys"] }),
  });
}
