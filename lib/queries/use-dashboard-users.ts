"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  DashboardUserCreateSchema,
  DashboardUserUpdateSchema,
} from "@/lib/admin/dashboard-users/dashboard-user-schemas";
import type {
  AddedDashboardUserWire,
  ChangedDashboardUserWire,
  DashboardSessionListWire,
  DashboardUserListWire,
  SignedOutEverywhereWire,
} from "@/lib/admin/dashboard-users/dashboard-user-wire";
import { adminFetch } from "./admin-fetch";

/** One dashboard user as the users list shows it (never a password hash). */
export type DashboardUserRow = DashboardUserListWire["data"][number];
type DashboardUserCreateInput = z.input<typeof DashboardUserCreateSchema>;
type DashboardUserUpdateInput = z.input<typeof DashboardUserUpdateSchema>;

const KEY = ["dashboard-users"] as const;

/** GET /api/admin/users */
export function useDashboardUsers() {
  return useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => adminFetch<DashboardUserListWire>("/api/admin/users", { signal }),
  });
}

/** POST /api/admin/users `{email, name?, password}` */
export function useAddDashboardUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: DashboardUserCreateInput) =>
      adminFetch<AddedDashboardUserWire>("/api/admin/users", { method: "POST", body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}

/** PATCH /api/admin/users/{id} with one of `{disabled}`, `{password}`, `{name}` */
export function useChangeDashboardUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...change }: { id: string } & DashboardUserUpdateInput) =>
      adminFetch<ChangedDashboardUserWire>(`/api/admin/users/${id}`, {
        method: "PATCH",
        body: change,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}

/** One live session of a dashboard user, as the sessions list shows it. */
export type DashboardSessionRow = DashboardSessionListWire["data"][number];

/** GET /api/admin/users/{id}/sessions (only while `enabled`, e.g. while its dialog is open) */
export function useDashboardSessions(userId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...KEY, userId, "sessions"],
    enabled,
    queryFn: ({ signal }) =>
      adminFetch<DashboardSessionListWire>(`/api/admin/users/${userId}/sessions`, { signal }),
  });
}

/** DELETE /api/admin/users/{id}/sessions: sign out everywhere */
export function useSignOutEverywhere() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      adminFetch<SignedOutEverywhereWire>(`/api/admin/users/${userId}/sessions`, {
        method: "DELETE",
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}
