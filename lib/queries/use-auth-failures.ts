"use client";

import { useQuery } from "@tanstack/react-query";
import { adminFetch, withQuery } from "./admin-fetch";

export interface AuthFailureTimeline {
  from: string;
  to: string;
  bucketSeconds: number;
  buckets: { at: string; credentialId: string; status: number; count: number }[];
  total: number;
  transitions: {
    id: string;
    credentialId: string | null;
    from: string;
    to: string;
    errorClass: string | null;
    actor: string;
    note: string | null;
    at: string;
  }[];
}

export interface AuthFailureEvent {
  id: string | number;
  credentialId: string;
  /** Filled in by the page: the credential's label and last 4. */
  credential?: string;
  provider: string;
  status: number;
  errorClass: string;
  code: string | null;
  message: string | null;
  requestId: string;
  at: string;
}

/** GET /api/admin/auth-failures/timeline (aggregated per bucket in SQL), refreshed every 5 s. */
export function useAuthFailureTimeline(params: { rangeMinutes: number; credentialId?: string }) {
  return useQuery({
    queryKey: ["auth-failures", "timeline", params],
    // The window slides: "the last hour" is computed at each fetch, not frozen at first render.
    queryFn: ({ signal }) =>
      adminFetch<AuthFailureTimeline>(
        withQuery("/api/admin/auth-failures/timeline", {
          from: sinceMinutes(params.rangeMinutes),
          credentialId: params.credentialId,
        }),
        { signal },
      ),
    refetchInterval: 5_000,
  });
}

function sinceMinutes(minutes: number): string {
  return new Date(Date.now() - minutes * 60_000).toISOString();
}

/** GET /api/admin/auth-failures: the newest events for the table beneath the chart. */
export function useAuthFailureEvents(params: {
  rangeMinutes: number;
  credentialId?: string;
  limit?: number;
}) {
  return useQuery({
    queryKey: ["auth-failures", "events", params],
    queryFn: ({ signal }) =>
      adminFetch<{ data: AuthFailureEvent[] }>(
        withQuery("/api/admin/auth-failures", {
          from: sinceMinutes(params.rangeMinutes),
          credentialId: params.credentialId,
          limit: params.limit ?? 500,
        }),
        { signal },
      ),
    refetchInterval: 5_000,
  });
}
