"use client";

import { useQuery } from "@tanstack/react-query";
import type { UsageGroupWire, UsageReportWire } from "@/lib/admin/usage/usage-wire";
import type { UsageGroupBy } from "@/lib/admin/usage/usage-schemas";
import { adminFetch, withQuery } from "./admin-fetch";

export type { UsageGroupBy };
/** One group of GET /api/admin/usage (money in micro-dollars). */
export type UsageRow = UsageGroupWire;

/** The group's name: the report's label, else the grouping's own field, else its key. */
export function groupName(row: UsageRow, groupBy: UsageGroupBy): string {
  const byField: Record<UsageGroupBy, string[]> = {
    tenant: ["label", "tenantId"],
    key: ["label", "apiKeyId"],
    model: ["model", "label"],
    provider: ["providerId", "label"],
    day: ["day", "label"],
    hour: ["hour", "label"],
    user: ["user", "label"],
    tag: ["tag", "label"],
    api: ["api", "label"],
  };
  for (const f of [...byField[groupBy], "key"]) {
    const v = row[f];
    if (typeof v === "string" && v) return v;
  }
  return "—";
}

export function rowTokens(row: UsageRow): number {
  return row.promptTokens + row.completionTokens;
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
      adminFetch<UsageReportWire>(withQuery("/api/admin/usage", params), { signal }),
    refetchInterval: 10_000,
  });
}
