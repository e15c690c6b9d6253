"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { adminFetch } from "./admin-fetch";

export interface ApiKeyRow {
  id: string;
  tenantId: string;
  name: string;
  prefix: string;
  allowedModels: string[];
  requestsPerMinute: number | null;
  tokensPerMinute: number | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  revoked: boolean;
}

/** GET /api/admin/tenants/{id}/keys, refreshed every 10 s (last used moves). */
export function useTenantKeys(tenantId: string) {
  return useQuery({
    queryKey: ["tenants", tenantId, "keys"],
    queryFn: ({ signal }) =>
      adminFetch<{ data: ApiKeyRow[] }>(`/api/admin/tenants/${tenantId}/keys`, { signal }),
    refetchInterval: 10_000,
  });
}

/** POST /api/admin/tenants/{id}/keys: the answer's `key` is the only time the plaintext exists outside the caller. */
export function useIssueKey(tenantId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name?: string; expiresAt?: string | null; allowedModels?: string[] }) =>
      adminFetch<{ id: string; key: string; prefix: string }>(
        `/api/admin/tenants/${tenantId}/keys`,
        { method: "POST", body: input },
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ["tenants", tenantId, "keys"] }),
  });
}

/** DELETE /api/admin/keys/{id}: revokes at once on every instance. */
export function useRevokeKey(tenantId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => adminFetch(`/api/admin/keys/${id}`, { method: "DELETE" }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["tenants", tenantId, "keys"] }),
  });
}
