"use client";

import { useQuery } from "@tanstack/react-query";
import { adminFetch, withQuery } from "./admin-fetch";

export interface AlertRow {
  id: string;
  kind: string;
  message: string;
  payload: unknown;
  createdAt: string;
  deliveredAt: string | null;
  attempts: number;
  lastError: string | null;
  delivered: boolean;
}

/** GET /api/admin/alerts: alert history with delivery status, refreshed every 10 s. */
export function useAlerts(limit = 200) {
  return useQuery({
    queryKey: ["alerts", limit],
    queryFn: ({ signal }) =>
      adminFetch<{ data: AlertRow[] }>(withQuery("/api/admin/alerts", { limit }), { signal }),
    refetchInterval: 10_000,
  });
}
