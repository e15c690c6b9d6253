"use client";

import { useQuery } from "@tanstack/react-query";
import type { AlertListWire } from "@/lib/admin/alerts/alert-wire";
import { adminFetch, withQuery } from "./admin-fetch";

/** One alert with its webhook delivery status. */
export type AlertRow = AlertListWire["data"][number];

/** GET /api/admin/alerts: alert history with delivery status, refreshed every 10 s. */
export function useAlerts(limit = 200) {
  return useQuery({
    queryKey: ["alerts", limit],
    queryFn: ({ signal }) =>
      adminFetch<AlertListWire>(withQuery("/api/admin/alerts", { limit }), { signal }),
    refetchInterval: 10_000,
  });
}
