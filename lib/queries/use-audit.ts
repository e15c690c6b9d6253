"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { AuditPageWire, AuditRowWire } from "@/lib/admin/audit/audit-wire";
import { adminFetch, withQuery } from "./admin-fetch";

export type AuditRow = AuditRowWire;

/** GET /api/admin/audit?actor&action&cursor: who did what, when, newest first. */
export function useAudit(filters: { actor?: string; action?: string }, cursor: string | undefined) {
  return useQuery({
    queryKey: ["audit", filters, cursor],
    queryFn: ({ signal }) =>
      adminFetch<AuditPageWire>(withQuery("/api/admin/audit", { ...filters, cursor, limit: 100 }), {
        signal,
      }),
    placeholderData: keepPreviousData,
    refetchInterval: cursor ? false : 10_000,
  });
}
