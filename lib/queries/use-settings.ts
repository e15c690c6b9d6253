"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  AlertSettingsUpdateSchema,
  TestAlertSchema,
} from "@/lib/admin/settings/settings-schemas";
import type {
  AlertSettingsWire,
  SavedAlertSettingsWire,
  TestAlertWire,
} from "@/lib/admin/settings/settings-wire";
import { adminFetch } from "./admin-fetch";

type AlertSettingsInput = z.input<typeof AlertSettingsUpdateSchema>;
type TestAlertInput = z.input<typeof TestAlertSchema>;

/** GET /api/admin/settings */
export function useSettings() {
  return useQuery({
    queryKey: ["settings"],
    queryFn: ({ signal }) => adminFetch<AlertSettingsWire>("/api/admin/settings", { signal }),
  });
}

/** PUT /api/admin/settings `{alertWebhookUrl}` (null clears it) */
export function useSaveSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (alertWebhookUrl: AlertSettingsInput["alertWebhookUrl"]) =>
      adminFetch<SavedAlertSettingsWire>("/api/admin/settings", {
        method: "PUT",
        body: { alertWebhookUrl } satisfies AlertSettingsInput,
      }),
    onSuccess: (data) => client.setQueryData(["settings"], data),
  });
}

/** POST /api/admin/settings/test-alert `{url?}`: what the receiver answered. */
export function useTestAlert() {
  return useMutation({
    mutationFn: (url?: string) =>
      adminFetch<TestAlertWire>("/api/admin/settings/test-alert", {
        method: "POST",
        body: (url ? { url } : {}) satisfies TestAlertInput,
      }),
  });
}
