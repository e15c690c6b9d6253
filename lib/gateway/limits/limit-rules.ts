import type { WindowKind } from "./windows";

/** One owner's limits (a key's or a tenant's); null means no limit. */
export interface LimitSet {
  requestsPerMinute: number | null;
  tokensPerMinute: number | null;
  monthlyTokens: number | null;
  /** Charges beyond the plan fee, micro-dollars per month. */
  monthlyBudgetMicros: number | null;
}

/** Everything the gate needs about a key, resolved when the key is loaded. */
export interface KeyLimits {
  key: LimitSet;
  tenant: LimitSet;
  /** Included tokens of the tenant's plan (their list value is not charged, so it widens the budget). */
  includedTokens: number;
  /** The plan's overage price (micro-dollars per 1M tokens), used to reserve budget. */
  overagePricePer1MMicros: number;
}

export const NO_LIMIT_SET: LimitSet = {
  requestsPerMinute: null,
  tokensPerMinute: null,
  monthlyTokens: null,
  monthlyBudgetMicros: null,
};

export type Metric = "rpm" | "tpm" | "monthly_tokens" | "monthly_budget";

/** One limit that applies to a request, with what it costs. */
export interface AppliedLimit {
  scopeKey: string;
  owner: "key" | "tenant";
  metric: Metric;
  window: WindowKind;
  limit: number;
  /** 429 code when it refuses. */
  code: "rate_limit_exceeded" | "quota_exceeded";
}

const METRICS: {
  metric: Metric;
  field: keyof LimitSet;
  window: WindowKind;
  code: AppliedLimit["code"];
}[] = [
  { metric: "rpm", field: "requestsPerMinute", window: "minute", code: "rate_limit_exceeded" },
  { metric: "tpm", field: "tokensPerMinute", window: "minute", code: "rate_limit_exceeded" },
  { metric: "monthly_tokens", field: "monthlyTokens", window: "month", code: "quota_exceeded" },
  {
    metric: "monthly_budget",
    field: "monthlyBudgetMicros",
    window: "month",
    code: "quota_exceeded",
  },
];

/**
 * The limits that apply to a request of this key: each of the key's and the tenant's
 * that is set. A tenant's budget counts list value (tokens x billed price), so its
 * limit is widened by the list value of the plan's included tokens, which is not charged.
 */
export function appliedLimits(keyId: string, tenantId: string, limits: KeyLimits): AppliedLimit[] {
  const out: AppliedLimit[] = [];
  for (const owner of ["key", "tenant"] as const) {
    const set = limits[owner];
    const id = owner === "key" ? keyId : tenantId;
    for (const m of METRICS) {
      let limit = set[m.field];
      if (limit === null) continue;
      if (m.metric === "monthly_budget")
        limit += Math.floor((limits.includedTokens * limits.overagePricePer1MMicros) / 1_000_000);
      out.push({
        scopeKey: `${owner}:${id}:${m.metric}`,
        owner,
        metric: m.metric,
        window: m.window,
        limit,
        code: m.code,
      });
    }
  }
  return out;
}
