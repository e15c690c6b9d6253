"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { adminFetch, withQuery } from "./admin-fetch";

export interface AuditRow {
  id: string | number;
  actor: string;
  action: string;
  targetType: string;
  targetId: string | null;
  details: unknown;
  createdAt: string;
}

/** GET /api/admin/audit?actor&action&cursor: who did what, when, newest first. */
export function useAudit(filters: { actor?: string; action?: string }, cursor: string | undefined) {
  return useQuery({
    queryKey: ["audit", filters, cursor],
    queryFn: ({ signal }) =>
      adminFetch<{ data: AuditRow[]; nextCursor?: string | null }>(
        withQuery("/api/admin/audit", { ...filters, cursor, limit: 100 }),
        { signal },
      ),
    placeholderData: keepPreviousData,
    refetchInterval: cursor ? false : 10_000,
  });
}
