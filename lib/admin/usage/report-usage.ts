import { timeRange } from "@/lib/billing/time-range";
import { readUsageReport } from "./read-usage-report";
import type { UsageQuery } from "./usage-schemas";

/**
 * Spend per tenant, key, model, provider, day, hour, end user, tag or API over [from, to)
 * (default: the current UTC month), read from the rollups. Throws ApiError
 * `invalid_request_error` when `from` is not before `to`.
 */
export async function reportUsage(query: UsageQuery) {
  return readUsageReport({
    groupBy: query.groupBy,
    tenantId: query.tenantId,
    api: query.api,
    ...timeRange(query.from, query.to),
  });
}
