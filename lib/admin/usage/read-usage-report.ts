import { getPgPool } from "@/lib/db";
import { allocateMicros } from "@/lib/billing/allocate-micros";
import { formatMicros, picosToMicros } from "@/lib/billing/money";
import { ApiError } from "@/lib/errors";
import type { UsageGroupBy } from "./usage-schemas";

export interface UsageReportOptions {
  groupBy: UsageGroupBy;
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
  tenantId?: string;
  /** Only requests that came in by this API; not applicable to end-user and tag groups. */
  api?: string;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const SUMS = `sum("requests")::text AS requests, sum("errors")::text AS errors, sum("promptTokens")::text AS "promptTokens",
  sum("completionTokens")::text AS "completionTokens", sum("cachedTokens")::text AS "cachedTokens",
  sum("upstreamCostPicos")::text AS cost, sum("billedPicos")::text AS billed`;

/**
 * Which rollup answers and how a group is named. A range on whole UTC days reads the
 * daily rollup (at most 31 rows per group for a month); any other range the hourly one,
 * whose hours are whole too, so `from`/`to` are floored to the hour. End users and tags
 * have a daily rollup of their own.
 */
function plan(o: UsageReportOptions): { sql: string; params: unknown[] } {
  const daily = o.groupBy !== "hour" && o.from % DAY_MS === 0 && o.to % DAY_MS === 0;
  const params: unknown[] = [];
  const p = (v: unknown) => (params.push(v), `$${params.length}`);
  if (o.groupBy === "user" || o.groupBy === "tag") {
    const from = new Date(o.from - (o.from % DAY_MS)).toISOString().slice(0, 10);
    const to = new Date(o.to + ((DAY_MS - (o.to % DAY_MS)) % DAY_MS)).toISOString().slice(0, 10);
    const where = [
      `"dimension" = ${p(o.groupBy)}`,
      `"day" >= ${p(from)}::date`,
      `"day" < ${p(to)}::date`,
    ];
    if (o.tenantId) where.push(`"tenantId" = ${p(o.tenantId)}`);
    // The label rollup has no API in its key: a filter it cannot honour is refused, not ignored.
    if (o.api)
      throw new ApiError(
        "invalid_request_error",
        "api cannot be combined with groupBy=user or groupBy=tag.",
        { param: "api" },
      );
    return {
      sql: `SELECT "value" AS key, NULL AS label, ${SUMS} FROM "UsageRollupLabel" WHERE ${where.join(" AND ")} GROUP BY 1`,
      params,
    };
  }
  const table = daily ? `"UsageRollupDaily"` : `"UsageRollupHourly"`;
  const time = daily ? `"day"` : `"hour"`;
  const where = daily
    ? [
        `"day" >= ${p(new Date(o.from).toISOString().slice(0, 10))}::date`,
        `"day" < ${p(new Date(o.to).toISOString().slice(0, 10))}::date`,
      ]
    : [
        `"hour" >= ${p(new Date(o.from - (o.from % HOUR_MS)).toISOString())}::timestamptz AT TIME ZONE 'UTC'`,
        `"hour" < ${p(new Date(o.to + ((HOUR_MS - (o.to % HOUR_MS)) % HOUR_MS)).toISOString())}::timestamptz AT TIME ZONE 'UTC'`,
      ];
  if (o.tenantId) where.push(`r."tenantId" = ${p(o.tenantId)}`);
  if (o.api) where.push(`r."api" = ${p(o.api)}`);
  const cond = where.join(" AND ");
  switch (o.groupBy) {
    case "tenant":
      return {
        sql: `SELECT g.*, t."name" AS label FROM (SELECT r."tenantId" AS key, ${SUMS} FROM ${table} r WHERE ${cond} GROUP BY 1) g LEFT JOIN "Tenant" t ON t.id = g.key`,
        params,
      };
    case "key":
      return {
        sql: `SELECT g.*, k."prefix" || ' (' || k."name" || ')' AS label FROM (SELECT r."apiKeyId" AS key, ${SUMS} FROM ${table} r WHERE ${cond} GROUP BY 1) g LEFT JOIN "ApiKey" k ON k.id = g.key`,
        params,
      };
    case "model":
      return {
        sql: `SELECT r."model" AS key, NULL AS label, ${SUMS} FROM ${table} r WHERE ${cond} GROUP BY 1`,
        params,
      };
    case "provider":
      return {
        sql: `SELECT NULLIF(r."providerId", '') AS key, NULL AS label, ${SUMS} FROM ${table} r WHERE ${cond} GROUP BY 1`,
        params,
      };
    case "day":
      return {
        sql: `SELECT to_char(date_trunc('day', r.${time}), 'YYYY-MM-DD') AS key, NULL AS label, ${SUMS} FROM ${table} r WHERE ${cond} GROUP BY 1`,
        params,
      };
    case "api":
      return {
        sql: `SELECT r."api" AS key, NULL AS label, ${SUMS} FROM ${table} r WHERE ${cond} GROUP BY 1`,
        params,
      };
    case "hour":
      return {
        sql: `SELECT to_char(r."hour", 'YYYY-MM-DD"T"HH24:00:00"Z"') AS key, NULL AS label, ${SUMS} FROM ${table} r WHERE ${cond} GROUP BY 1`,
        params,
      };
    default: {
      const unreachable: never = o.groupBy;
      return unreachable;
    }
  }
}

interface Row {
  key: string | null;
  label: string | null;
  requests: string;
  errors: string;
  promptTokens: string;
  completionTokens: string;
  cachedTokens: string;
  cost: string;
  billed: string;
}

/**
 * One group's totals: tokens as numbers, money as integer micro-dollars plus a readable
 * string. `micros`: the group's share of the rounded total (see `allocateMicros`);
 * without it (the totals row) the exact sum is rounded once.
 */
function toGroup(groupBy: UsageGroupBy, r: Row, micros?: { cost: bigint; billed: bigint }) {
  const costMicros = micros?.cost ?? picosToMicros(BigInt(r.cost));
  const billedMicros = micros?.billed ?? picosToMicros(BigInt(r.billed));
  const marginMicros = billedMicros - costMicros;
  return {
    key: r.key,
    label: r.label ?? r.key,
    [groupKeyName(groupBy)]: r.key,
    requests: Number(r.requests),
    errors: Number(r.errors),
    promptTokens: Number(r.promptTokens),
    completionTokens: Number(r.completionTokens),
    cachedTokens: Number(r.cachedTokens),
    costMicros: Number(costMicros),
    billedMicros: Number(billedMicros),
    marginMicros: Number(marginMicros),
    cost: formatMicros(costMicros),
    billed: formatMicros(billedMicros),
    margin: formatMicros(marginMicros),
    /** Billed revenue below upstream cost: sold at a loss. */
    belowCost: billedMicros < costMicros,
  };
}

function groupKeyName(groupBy: UsageGroupBy): string {
  return {
    tenant: "tenantId",
    key: "apiKeyId",
    model: "model",
    provider: "providerId",
    day: "day",
    hour: "hour",
    user: "user",
    tag: "tag",
    api: "api",
  }[groupBy];
}

/**
 * Spend per group from the rollups (never the raw rows): requests, errors, prompt,
 * completion and cached tokens, upstream cost and billed price in micro-dollars, and
 * the margin between them. Time groups come oldest first, others largest billed first.
 */
export async function readUsageReport(o: UsageReportOptions) {
  const { sql, params } = plan(o);
  const { rows } = await getPgPool().query<Row>(sql, params);
  // Rows are allocated from the one rounded total, so the rows shown (and the CSV) add up to it.
  const cost = allocateMicros(rows.map((r) => BigInt(r.cost))).rows;
  const billed = allocateMicros(rows.map((r) => BigInt(r.billed))).rows;
  const groups = rows.map((r, i) => toGroup(o.groupBy, r, { cost: cost[i]!, billed: billed[i]! }));
  if (o.groupBy === "day" || o.groupBy === "hour")
    groups.sort((a, b) => String(a.key).localeCompare(String(b.key)));
  else
    groups.sort(
      (a, b) => b.billedMicros - a.billedMicros || String(a.key).localeCompare(String(b.key)),
    );
  const total = rows.reduce(
    (acc, r) => ({
      ...acc,
      requests: acc.requests + BigInt(r.requests),
      errors: acc.errors + BigInt(r.errors),
      promptTokens: acc.promptTokens + BigInt(r.promptTokens),
      completionTokens: acc.completionTokens + BigInt(r.completionTokens),
      cachedTokens: acc.cachedTokens + BigInt(r.cachedTokens),
      cost: acc.cost + BigInt(r.cost),
      billed: acc.billed + BigInt(r.billed),
    }),
    {
      requests: 0n,
      errors: 0n,
      promptTokens: 0n,
      completionTokens: 0n,
      cachedTokens: 0n,
      cost: 0n,
      billed: 0n,
    },
  );
  const totals = toGroup(o.groupBy, {
    key: null,
    label: null,
    ...Object.fromEntries(Object.entries(total).map(([k, v]) => [k, v.toString()])),
  } as unknown as Row);
  return {
    groupBy: o.groupBy,
    from: new Date(o.from).toISOString(),
    to: new Date(o.to).toISOString(),
    tenantId: o.tenantId ?? null,
    api: o.api ?? null,
    data: groups,
    totals,
  };
}
