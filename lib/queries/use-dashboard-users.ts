"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { adminFetch } from "./admin-fetch";

export interface DashboardUser {
  id: string;
  email: string;
  name: string | null;
  disabled: boolean;
  lastSignInAt: string | null;
  createdBy: string | null;
  createdAt: string;
}

const KEY = ["dashboard-users"] as const;

/** GET /api/admin/users */
export function useDashboardUsers() {
  return useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => adminFetch<{ data: DashboardUser[] }>("/api/admin/users", { signal }),
  });
}

/** POST /api/admin/users `{email, name?, password}` */
export function useAddDashboardUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; name?: string; password: string }) =>
      adminFetch<DashboardUser>("/api/admin/users", { method: "POST", body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}

/** PATCH /api/admin/users/{id} with one of `{disabled}`, `{password}`, `{name}` */
export function useChangeDashboardUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      ...change
    }: {
      id: string;
      disabled?: boolean;
      password?: string;
      name?: string | null;
    }) => adminFetch<DashboardUser>(`/api/admin/users/${id}`, { method: "PATCH", body: change }),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}
