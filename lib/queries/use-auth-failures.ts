"use client";

import { useQuery } from "@tanstack/react-query";
import type {
  AuthFailuresWire,
  AuthFailureTimelineWire,
} from "@/lib/admin/credentials/credential-wire";
import { adminFetch, withQuery } from "./admin-fetch";

export type AuthFailureTimeline = AuthFailureTimelineWire;

/** One 401/403 event, plus the credential's label and last 4 that the page fills in. */
export type AuthFailureEvent = AuthFailuresWire["data"][number] & { credential?: string };

/** GET /api/admin/auth-failures/timeline (aggregated per bucket in SQL), refreshed every 5 s. */
export function useAuthFailureTimeline(params: { rangeMinutes: number; credentialId?: string }) {
  return useQuery({
    queryKey: ["auth-failures", "timeline", params],
    // The window slides: "the last hour" is computed at each fetch, not frozen at first render.
    queryFn: ({ signal }) =>
      adminFetch<AuthFailureTimelineWire>(
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
      adminFetch<AuthFailuresWire>(
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
