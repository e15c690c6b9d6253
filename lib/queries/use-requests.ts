"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { RequestLogWire, RequestRowWire } from "@/lib/admin/requests/request-wire";
import { adminFetch, withQuery } from "./admin-fetch";

/**
 * One request log row: metadata only (never a prompt or a completion), plus the
 * tenant's name that the page fills in.
 */
export type RequestRow = RequestRowWire & { tenantName?: string | null };

export interface RequestFilters {
  tenantId?: string;
  model?: string;
  provider?: string;
  status?: string;
  /** Which API the request came in by: chat, messages, responses or embeddings. */
  api?: string;
}

/** GET /api/admin/requests with filters and a cursor, refreshed every 5 s while on the first page. */
export function useRequests(filters: RequestFilters, cursor: string | undefined, limit = 50) {
  return useQuery({
    queryKey: ["requests", filters, cursor, limit],
    queryFn: ({ signal }) =>
      adminFetch<RequestLogWire>(withQuery("/api/admin/requests", { ...filters, cursor, limit }), {
        signal,
      }),
    placeholderData: keepPreviousData,
    refetchInterval: cursor ? false : 5_000,
  });
}
