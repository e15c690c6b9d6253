import { getPgPool } from "@/lib/db";
import { formatMicros, picosToMicros } from "@/lib/billing/money";
import type { RequestsQuery } from "./request-schemas";

interface Row {
  id: string;
  requestId: string;
  tenantId: string;
  apiKeyId: string;
  modelRequested: string;
  providerId: string | null;
  upstreamModel: string | null;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  cacheWriteTokens: number;
  tokensEstimated: boolean;
  upstreamCostPicos: string;
  billedPicos: string;
  billedPricePer1MMicros: string | null;
  latencyMs: number;
  ttfbMs: number | null;
  httpStatus: number;
  errorClass: string | null;
  attempts: number;
  streamed: boolean;
  api: string;
  endUser: string | null;
  tags: string[];
  /** Each credential tried or skipped when no provider served (bounded); null otherwise. */
  failoverTrail: string | null;
  createdAt: Date;
}

/**
 * The request log, newest first: metadata only (never a prompt or a completion, which
 * are never stored). Keyset pagination on the row id, so page 10,000 costs what page 1
 * does: `nextCursor` is the last id of this page, null on the last page. `from` and `to`
 * are ISO 8601 (a date alone is that day's first instant, UTC). Money per row in
 * micro-dollars (`costMicros`, `billedMicros`) and exact pico-dollars as decimal strings.
 */
export async function listRequests(o: RequestsQuery) {
  const params: unknown[] = [];
  const p = (v: unknown) => (params.push(v), `$${params.length}`);
  const where: string[] = [];
  if (o.cursor) where.push(`"id" < ${p(o.cursor)}::bigint`);
  if (o.tenantId) where.push(`"tenantId" = ${p(o.tenantId)}`);
  if (o.keyId) where.push(`"apiKeyId" = ${p(o.keyId)}`);
  if (o.model) {
    const m = p(o.model);
    where.push(`("modelRequested" = ${m} OR "providerId" || '/' || "upstreamModel" = ${m})`);
  }
  if (o.provider) where.push(`"providerId" = ${p(o.provider)}`);
  if (o.status !== undefined) where.push(`"httpStatus" = ${p(o.status)}`);
  if (o.api) where.push(`"api" = ${p(o.api)}`);
  if (o.from !== undefined)
    where.push(
      `"createdAt" >= ${p(new Date(o.from).toISOString())}::timestamptz AT TIME ZONE 'UTC'`,
    );
  if (o.to !== undefined)
    where.push(`"createdAt" < ${p(new Date(o.to).toISOString())}::timestamptz AT TIME ZONE 'UTC'`);
  const sql = `SELECT "id"::text, "requestId", "tenantId", "apiKeyId", "modelRequested", "providerId", "upstreamModel", "promptTokens", "completionTokens",
      "cachedTokens", "cacheWriteTokens", "tokensEstimated", "upstreamCostPicos"::text, "billedPicos"::text, "billedPricePer1MMicros"::text, "latencyMs", "ttfbMs",
      "httpStatus", "errorClass", "attempts", "streamed", "api", "endUser", "tags", "failoverTrail", "createdAt" AT TIME ZONE 'UTC' AS "createdAt"
    FROM "UsageRecord" ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
    ORDER BY "UsageRecord"."id" DESC LIMIT ${p(o.limit)}`;
  const { rows } = await getPgPool().query<Row>(sql, params);
  const data = rows.map(({ upstreamCostPicos, billedPicos, billedPricePer1MMicros, ...r }) => {
    const costMicros = picosToMicros(BigInt(upstreamCostPicos));
    const billedMicros = picosToMicros(BigInt(billedPicos));
    return {
      ...r,
      keyId: r.apiKeyId,
      model:
        r.providerId && r.upstreamModel ? `${r.providerId}/${r.upstreamModel}` : r.modelRequested,
      provider: r.providerId,
      status: r.httpStatus,
      upstreamCostPicos: upstreamCostPicos,
      billedPicos: billedPicos,
      costMicros: Number(costMicros),
      billedMicros: Number(billedMicros),
      cost: formatMicros(costMicros),
      billed: formatMicros(billedMicros),
      billedPricePer1MMicros:
        billedPricePer1MMicros === null ? null : Number(billedPricePer1MMicros),
      createdAt: new Date(r.createdAt).toISOString(),
    };
  });
  return { data, nextCursor: rows.length === o.limit ? rows.at(-1)!.id : null };
}
