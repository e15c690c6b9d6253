import type { TokenUsage } from "@/lib/gateway/providers/types";
import { chargeableTokens } from "@/lib/billing/token-charge";
import type { LimitDecision, LimitGate, LimitRequest } from "./limit-gate";
import { LeasePool } from "./lease-pool";
import type { LeaseStore } from "./lease-store";
import { appliedLimits, type AppliedLimit, type KeyLimits } from "./limit-rules";
import { rateLimitHeaders } from "./rate-limit-headers";
import { retryAfterSeconds, windowAt } from "./windows";

export interface LeaseGateOptions {
  store: LeaseStore;
  /** Lease size as a fraction of the limit (0.1: ten leases make the limit), at least 1 unit. */
  leaseFraction?: number;
  /** Largest lease, in units. */
  maxLease?: number;
  /** Output tokens reserved when the caller sets no `max_tokens`. */
  defaultMaxTokens?: number;
  /** Retry-After (seconds) of the 503 when the store is away and the offline lease is spent. */
  unavailableRetryAfterSeconds?: number;
  now?: () => number;
}

/** What the gate needs from the authenticated key. */
export interface LimitedKey {
  keyId: string;
  tenantId: string;
  limits: KeyLimits;
}

const MESSAGES: Record<AppliedLimit["metric"], string> = {
  rpm: "Rate limit reached for requests per minute",
  tpm: "Rate limit reached for tokens per minute",
  monthly_tokens: "Monthly token quota exhausted",
  monthly_budget: "Monthly budget exhausted",
};

/**
 * Rate limits, quotas and budgets from local leases of Postgres-held allowances (see
 * LeasePool). Overshoot bound per limit and window: with the store reachable the
 * leases never sum past the limit, so admitted requests never pass a request limit;
 * token and budget pools may pass theirs by what admitted requests use beyond their
 * reservation plus one reservation per instance (a request is admitted while any of
 * the allowance is left). While the store is away each instance adds at most one more
 * lease: overshoot <= instances x lease size + requests in flight.
 */
export class LeaseLimitGate implements LimitGate {
  private readonly pools = new Map<string, LeasePool>();
  private readonly now: () => number;
  private sweptAt = 0;

  constructor(private readonly opts: LeaseGateOptions) {
    this.now = opts.now ?? Date.now;
  }

  async check(request: LimitRequest): Promise<LimitDecision> {
    const key: LimitedKey = request.key;
    const applied = appliedLimits(key.keyId, key.tenantId, key.limits);
    if (applied.length === 0) return { admit: true };
    const now = this.now();
    const reservedTokens =
      request.estimate.inputTokens +
      (request.maxOutputTokens ?? this.opts.defaultMaxTokens ?? 1024);
    const pricePerToken = key.limits.overagePricePer1MMicros;
    const reservedMicros = Math.ceil((reservedTokens * pricePerToken) / 1_000_000);
    const costOf = (l: AppliedLimit) =>
      l.metric === "rpm" ? 1 : l.metric === "monthly_budget" ? reservedMicros : reservedTokens;

    const taken: { pool: LeasePool; cost: number; limit: AppliedLimit }[] = [];
    for (const limit of applied) {
      const pool = this.pool(limit, now);
      const cost = costOf(limit);
      const answer = await pool.acquire(cost, limit.metric === "rpm", this.now);
      if (answer === "admitted") {
        taken.push({ pool, cost, limit });
        continue;
      }
      for (const t of taken) t.pool.refund(t.cost);
      const headers = this.headers(applied, this.now());
      if (answer === "unavailable") {
        const retry = String(this.opts.unavailableRetryAfterSeconds ?? 5);
        return {
          admit: false,
          status: 503,
          code: "service_unavailable",
          message: "Limits cannot be checked right now; retry shortly.",
          headers: { ...headers, "retry-after": retry },
        };
      }
      const retryAfter = retryAfterSeconds(pool.window.end, this.now());
      const owner = limit.owner === "key" ? "this API key" : "your organization";
      return {
        admit: false,
        status: 429,
        code: limit.code,
        message: `${MESSAGES[limit.metric]} on ${owner}: limit ${limit.limit}. Retry after ${retryAfter} s.`,
        headers: { ...headers, "retry-after": String(retryAfter) },
      };
    }
    return {
      admit: true,
      headers: this.headers(applied, this.now()),
      // Budgets count what the request is really billed (its stored list value, raised to
      // the cost floor where that applies), the way invoices and alerts count it.
      settle: (usage: TokenUsage, billedPicos?: number) => {
        const tokens = wholeUnits(chargeableTokens(usage));
        const micros =
          billedPicos === undefined
            ? Math.ceil((tokens * pricePerToken) / 1_000_000)
            : Math.ceil(wholeUnits(billedPicos) / 1_000_000);
        for (const t of taken) {
          if (t.limit.metric === "rpm") continue;
          settleReservation(t.pool, t.cost, t.limit.metric === "monthly_budget" ? micros : tokens);
        }
      },
    };
  }

  /** The key's `x-ratelimit-*` headers without spending or leasing anything. */
  peek(key: LimitedKey, now: number): Record<string, string> {
    const applied = appliedLimits(key.keyId, key.tenantId, key.limits);
    return applied.length === 0 ? {} : this.headers(applied, now);
  }

  /** Gives every unspent lease of a current window back to the store (at shutdown). */
  async close(): Promise<void> {
    const now = this.now();
    await Promise.allSettled(
      [...this.pools.entries()]
        .filter(([, p]) => p.window.end > now && p.unspent() > 0)
        .map(([id, p]) => this.opts.store.giveBack(id.split("@")[0]!, p.window.start, p.unspent())),
    );
    this.pools.clear();
  }

  private pool(limit: AppliedLimit, now: number): LeasePool {
    const window = windowAt(limit.window, now);
    const id = `${limit.scopeKey}@${window.start}`;
    let pool = this.pools.get(id);
    if (pool && pool.limit !== limit.limit) {
      // The limit changed: keep what is leased, but ask with the new limit from now on.
      const carried = pool.unspent();
      pool = undefined;
      this.pools.delete(id);
      if (carried > 0)
        void this.opts.store.giveBack(limit.scopeKey, window.start, carried).catch(() => {});
    }
    if (!pool) {
      if (now - this.sweptAt > 60_000) this.sweep(now);
      const leaseSize = Math.max(
        1,
        Math.min(
          this.opts.maxLease ?? 1_000_000,
          Math.ceil(limit.limit * (this.opts.leaseFraction ?? 0.1)),
        ),
      );
      pool = new LeasePool({
        scopeKey: limit.scopeKey,
        window,
        limit: limit.limit,
        leaseSize,
        store: this.opts.store,
        recheckMs: 1000,
      });
      this.pools.set(id, pool);
    }
    return pool;
  }

  private headers(applied: readonly AppliedLimit[], now: number): Record<string, string> {
    const pools = (metrics: string[]) =>
      applied.filter((l) => metrics.includes(l.metric)).map((l) => this.pool(l, now));
    return rateLimitHeaders(pools(["rpm"]), pools(["tpm", "monthly_tokens"]), now);
  }

  /** Drops pools of windows that have ended. */
  private sweep(now: number): void {
    this.sweptAt = now;
    for (const [id, pool] of this.pools) if (pool.window.end <= now) this.pools.delete(id);
  }
}

/** A usage figure as whole non-negative units; anything else (NaN, negative) counts as 0. */
function wholeUnits(n: number): number {
  return Number.isFinite(n) && n > 0 ? Math.ceil(n) : 0;
}

/**
 * Trues a reservation up to what was used (`actual`, whole units >= 0): the unused part
 * goes back, the overrun is charged. Never gives back more than was reserved, so no
 * answer, however hostile its figures, can make an allowance grow.
 */
export function settleReservation(
  pool: Pick<LeasePool, "refund" | "charge">,
  reserved: number,
  actual: number,
): void {
  const used = wholeUnits(actual);
  if (used < reserved) pool.refund(Math.min(reserved, reserved - used));
  else if (used > reserved) pool.charge(used - reserved);
}
