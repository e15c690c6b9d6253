"use client";

import { useQuery } from "@tanstack/react-query";
import { adminFetch } from "./admin-fetch";

export interface Overview {
  simulated: boolean;
  lastHour: {
    requests: number;
    errors: number;
    refused: number;
    errorRate: number | null;
    requestsPerMinute: number;
  };
  perMinute: { minute: string; requests: number; errors: number; refused: number }[];
  providers: {
    provider: string;
    requests: number;
    errors: number;
    p50LatencyMs: number | null;
    p95LatencyMs: number | null;
    p50TtftMs: number | null;
    p95TtftMs: number | null;
  }[];
  spend: {
    days: { day: string; costMicros: number; billedMicros: number; requests: number }[];
    today: { costMicros: number; billedMicros: number };
    month: { costMicros: number; billedMicros: number };
  };
  breakersNotClosed: {
    id: string;
    provider: string;
    label: string;
    last4: string;
    state: string;
    lastErrorClass: string | null;
    openedAt: string | null;
    retryAt: string | null;
    failures: number;
  }[];
  credentialsTotal: number;
  alerts: { id: string; kind: string; message: string; createdAt: string; delivered: boolean }[];
}

/** GET /api/admin/overview, refreshed every 5 s. */
export function useOverview() {
  return useQuery({
    queryKey: ["overview"],
    queryFn: ({ signal }) => adminFetch<Overview>("/api/admin/overview", { signal }),
    refetchInterval: 5_000,
  });
}
