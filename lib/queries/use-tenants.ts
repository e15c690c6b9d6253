"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { adminFetch } from "./admin-fetch";

export interface Tenant {
  id: string;
  name: string;
  planId: string;
  plan: {
    id: string;
    name: string;
    monthlyFeeMicros?: number;
    includedTokens?: number;
    overagePricePer1MMicros?: number;
  };
  status: "active" | "suspended" | "deleted";
  requestsPerMinute: number | null;
  tokensPerMinute: number | null;
  monthlyTokenQuota: number | null;
  monthlySpendLimitMicros: number | null;
  createdAt: string;
  updatedAt: string;
  _count?: { keys: number };
}

export interface TenantInput {
  name?: string;
  planId?: string;
  status?: "active" | "suspended";
  requestsPerMinute?: number | null;
  tokensPerMinute?: number | null;
  monthlyTokenQuota?: number | null;
  monthlySpendLimitMicros?: number | null;
}

/** GET /api/admin/tenants */
export function useTenants() {
  return useQuery({
    queryKey: ["tenants"],
    queryFn: ({ signal }) => adminFetch<{ data: Tenant[] }>("/api/admin/tenants", { signal }),
    refetchInterval: 15_000,
  });
}

/** GET /api/admin/tenants/{id} */
export function useTenant(id: string) {
  return useQuery({
    queryKey: ["tenants", id],
    queryFn: ({ signal }) => adminFetch<Tenant>(`/api/admin/tenants/${id}`, { signal }),
  });
}

/** POST /api/admin/tenants */
export function useCreateTenant() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: TenantInput & { name: string }) =>
      adminFetch<Tenant>("/api/admin/tenants", { method: "POST", body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["tenants"] }),
  });
}

/** PATCH /api/admin/tenants/{id} */
export function useUpdateTenant(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: TenantInput) =>
      adminFetch<Tenant>(`/api/admin/tenants/${id}`, { method: "PATCH", body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["tenants"] }),
  });
}
