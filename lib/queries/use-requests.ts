"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { adminFetch, withQuery } from "./admin-fetch";

/** One request log row: metadata only (never a prompt or a completion). */
export interface RequestRow {
  id?: string | number;
  requestId: string;
  tenantId: string;
  tenantName?: string | null;
  apiKeyId?: string;
  keyPrefix?: string | null;
  model?: string;
  modelRequested?: string;
  provider?: string | null;
  providerId?: string | null;
  upstreamModel?: string | null;
  promptTokens: number;
  completionTokens: number;
  cachedTokens?: number;
  costMicros?: number;
  billedMicros?: number;
  latencyMs: number;
  ttfbMs?: number | null;
  httpStatus?: number;
  status?: number;
  errorClass?: string | null;
  attempts?: number;
  streamed?: boolean;
  createdAt: string;
}

export interface RequestFilters {
  tenantId?: string;
  model?: string;
  provider?: string;
  status?: string;
}

/** GET /api/admin/requests with filters and a cursor, refreshed every 5 s while on the first page. */
export function useRequests(filters: RequestFilters, cursor: string | undefined, limit = 50) {
  return useQuery({
    queryKey: ["requests", filters, cursor, limit],
    queryFn: ({ signal }) =>
      adminFetch<{ data: RequestRow[]; nextCursor: string | null }>(
        withQuery("/api/admin/requests", { ...filters, cursor, limit }),
        { signal },
      ),
    placeholderData: keepPreviousData,
    refetchInterval: cursor ? false : 5_000,
  });
}
