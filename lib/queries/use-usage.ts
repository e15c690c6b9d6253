"use client";

import { useQuery } from "@tanstack/react-query";
import { adminFetch, withQuery } from "./admin-fetch";

export type UsageGroupBy = "tenant" | "key" | "model" | "provider" | "day" | "hour";

/** One group of GET /api/admin/usage (money in micro-dollars). */
export interface UsageRow {
  key?: string | null;
  group?: string | null;
  label?: string | null;
  name?: string | null;
  tenantId?: string | null;
  requests: number;
  errors?: number;
  promptTokens?: number;
  completionTokens?: number;
  cachedTokens?: number;
  totalTokens?: number;
  costMicros: number;
  billedMicros: number;
  [field: string]: unknown;
}

/** The group's name, whatever field the report put it in for this grouping. */
export function groupName(row: UsageRow, groupBy: UsageGroupBy): string {
  const byField: Record<UsageGroupBy, string[]> = {
    tenant: ["tenantName", "name", "label", "tenantId"],
    key: ["keyName", "prefix", "label", "apiKeyId", "keyId"],
    model: ["model", "modelRequested", "label"],
    provider: ["provider", "providerId", "label"],
    day: ["day", "date", "period", "label"],
    hour: ["hour", "period", "label"],
  };
  for (const f of [...byField[groupBy], "group", "key"]) {
    const v = row[f];
    if (typeof v === "string" && v) return v;
  }
  return "—";
}

export function rowTokens(row: UsageRow): number {
  return row.totalTokens ?? (row.promptTokens ?? 0) + (row.completionTokens ?? 0);
}

/** GET /api/admin/usage?groupBy&from&to&tenantId, refreshed every 10 s. */
export function useUsage(params: {
  groupBy: UsageGroupBy;
  from?: string;
  to?: string;
  tenantId?: string;
}) {
  return useQuery({
    queryKey: ["usage", params],
    queryFn: ({ signal }) =>
      adminFetch<{ data: UsageRow[] } & Record<string, unknown>>(
        withQuery("/api/admin/usage", params),
        { signal },
      ),
    refetchInterval: 10_000,
  });
}
