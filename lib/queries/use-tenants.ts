"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { TenantCreateSchema, TenantUpdateSchema } from "@/lib/admin/tenants/tenant-schemas";
import type {
  TenantCreatedWire,
  TenantListWire,
  TenantUpdatedWire,
  TenantWire,
} from "@/lib/admin/tenants/tenant-wire";
import { adminFetch } from "./admin-fetch";

/** One row of the tenant list: the tenant, its plan's id and name, its live key count. */
export type TenantRow = TenantListWire["data"][number];
export type { TenantWire };
export type TenantCreateInput = z.input<typeof TenantCreateSchema>;
export type TenantUpdateInput = z.input<typeof TenantUpdateSchema>;

/** GET /api/admin/tenants */
export function useTenants() {
  return useQuery({
    queryKey: ["tenants"],
    queryFn: ({ signal }) => adminFetch<TenantListWire>("/api/admin/tenants", { signal }),
    refetchInterval: 15_000,
  });
}

/** GET /api/admin/tenants/{id} */
export function useTenant(id: string) {
  return useQuery({
    queryKey: ["tenants", id],
    queryFn: ({ signal }) => adminFetch<TenantWire>(`/api/admin/tenants/${id}`, { signal }),
  });
}

/** POST /api/admin/tenants */
export function useCreateTenant() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: TenantCreateInput) =>
      adminFetch<TenantCreatedWire>("/api/admin/tenants", { method: "POST", body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["tenants"] }),
  });
}

/** PATCH /api/admin/tenants/{id} */
export function useUpdateTenant(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: TenantUpdateInput) =>
      adminFetch<TenantUpdatedWire>(`/api/admin/tenants/${id}`, { method: "PATCH", body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["tenants"] }),
  });
}
