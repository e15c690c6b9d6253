"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { KeyCreateSchema } from "@/lib/admin/keys/key-schemas";
import type {
  ApiKeyListWire,
  IssuedApiKeyWire,
  RevokedApiKeyWire,
} from "@/lib/admin/keys/key-wire";
import { adminFetch } from "./admin-fetch";

/** One key of a tenant, as the key list shows it (never its hash or plaintext). */
export type ApiKeyRow = ApiKeyListWire["data"][number];
export type KeyCreateInput = z.input<typeof KeyCreateSchema>;

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
