import { getPgPool } from "@/lib/db";

export interface BudgetCrossing {
  tenantId: string;
  tenantName: string;
  /** `budget` (monthly budget, micro-dollars) or `included_tokens` (the plan's allowance). */
  kind: "budget" | "included_tokens";
  /** 80 or 100 (percent). */
  threshold: number;
  used: number;
  limit: number;
}

/**
 * Finds tenants whose month (from the daily rollups) crossed 80% or 100% of their
 * budget or of their plan's included tokens, and claims each crossing once: the claim
 * is a row keyed by tenant, month, kind and threshold, so however many instances look,
 * one of them gets it. Charges against a budget are counted like the limits count them:
 * billed list value beyond the list value of the included tokens.
 */
const CLAIM = `
WITH month AS (
  SELECT "tenantId", sum("promptTokens" + "completionTokens") AS tokens, sum("billedPicos") AS billed
  FROM "UsageRollupDaily" WHERE "day" >= $1::date AND "day" < $2::date GROUP BY 1
),
tenants AS (
  SELECT t.id, t.name, t."monthlySpendLimitMicros" AS budget, p."includedTokens" AS included, m.tokens,
    GREATEST(0, m.billed / 1000000 - p."includedTokens" * p."overagePricePer1MMicros" / 1000000) AS charges
  FROM month m JOIN "Tenant" t ON t.id = m."tenantId" JOIN "Plan" p ON p.id = t."planId"
  WHERE t.status <> 'deleted'
),
crossed AS (
  SELECT id, name, 'budget' AS kind, th AS threshold, charges AS used, budget AS lim
  FROM tenants, (VALUES (80), (100)) v(th) WHERE budget > 0 AND charges * 100 >= budget * th
  UNION ALL
  SELECT id, name, 'included_tokens', th, tokens, included
  FROM tenants, (VALUES (80), (100)) v(th) WHERE included > 0 AND tokens * 100 >= included * th
),
claimed AS (
  INSERT INTO "BudgetAlert" ("tenantId", "period", "kind", "threshold")
  SELECT id, $3, kind, threshold FROM crossed
  ON CONFLICT DO NOTHING
  RETURNING "tenantId", "kind", "threshold"
)
SELECT c."tenantId", x.name AS "tenantName", c.kind, c.threshold, x.used::text AS used, x.lim::text AS "limit"
FROM claimed c JOIN crossed x ON x.id = c."tenantId" AND x.kind = c.kind AND x.threshold = c.threshold`;

/** @param period `YYYY-MM`; @param start, end epoch ms of the month */
export async function claimBudgetAlerts({
  period,
  start,
  end,
}: {
  period: string;
  start: number;
  end: number;
}): Promise<BudgetCrossing[]> {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const { rows } = await getPgPool().query<
    Omit<BudgetCrossing, "used" | "limit"> & { used: string; limit: string }
  >(CLAIM, [day(start), day(end), period]);
  return rows.map((r) => ({ ...r, used: Number(r.used), limit: Number(r.limit) }));
}
