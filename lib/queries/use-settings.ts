"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { adminFetch } from "./admin-fetch";

export interface AlertSettings {
  alertWebhookUrl: string | null;
  envAlertWebhookHost: string | null;
  source: "dashboard" | "environment" | null;
}

export interface TestAlertResult {
  sent: boolean;
  ok: boolean;
  status: number | null;
  body: string | null;
  error: string | null;
}

/** GET /api/admin/settings */
export function useSettings() {
  return useQuery({
    queryKey: ["settings"],
    queryFn: ({ signal }) => adminFetch<AlertSettings>("/api/admin/settings", { signal }),
  });
}

/** PUT /api/admin/settings `{alertWebhookUrl}` (null clears it) */
export function useSaveSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (alertWebhookUrl: string | null) =>
      adminFetch<AlertSettings>("/api/admin/settings", {
        method: "PUT",
        body: { alertWebhookUrl },
      }),
    onSuccess: (data) => client.setQueryData(["settings"], data),
  });
}

/** POST /api/admin/settings/test-alert `{url?}`: what the receiver answered. */
export function useTestAlert() {
  return useMutation({
    mutationFn: (url?: string) =>
      adminFetch<TestAlertResult>("/api/admin/settings/test-alert", {
        method: "POST",
        body: url ? { url } : {},
      }),
  });
}
