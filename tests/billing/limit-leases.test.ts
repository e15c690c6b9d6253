/**
 * The Postgres side of limits: leases taken by many gates at once (as several instances
 * would) never sum past the limit, debt admitted offline is recorded, and unspent
 * units given back are available to others.
 */
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { giveBackLimitLease } from "@/lib/data/limits/give-back-limit-lease";
import { takeLimitLease } from "@/lib/data/limits/take-limit-lease";
import { disconnectPrisma, getPgPool } from "@/lib/db";
import { LeaseLimitGate } from "@/lib/gateway/limits/lease-limit-gate";
import { NO_LIMIT_SET } from "@/lib/gateway/limits/limit-rules";
import type { TenantKey } from "@/lib/gateway/keys/tenant-key";

afterAll(async () => {
  await disconnectPrisma();
});

const store = { take: takeLimitLease, giveBack: giveBackLimitLease };
const windowStart = Date.parse("2026-11-30T10:00:00Z");

function key(requestsPerMinute: number): TenantKey {
  return {
    keyId: `k-${randomUUID()}`,
    tenantId: `t-${randomUUID()}`,
    hash: "h",
    allowedModels: [],
    requestsPerMinute: null,
    tokensPerMinute: null,
    plan: { id: "p", name: "p", overagePricePer1MMicros: 5_000_000 },
    limits: {
      key: { ...NO_LIMIT_SET, requestsPerMinute },
      tenant: NO_LIMIT_SET,
      includedTokens: 0,
      overagePricePer1MMicros: 5_000_000,
    },
    expiresAt: null,
    revoked: false,
    tenantActive: true,
  };
}

describe("limit leases in Postgres", () => {
  it("never grant past the limit, however many take at once", async () => {
    const scopeKey = `key:${randomUUID()}:rpm`;
    const grants = await Promise.all(
      Array.from({ length: 40 }, () =>
        takeLimitLease({ scopeKey, windowStart, want: 7, limit: 100, debt: 0 }),
      ),
    );
    expect(grants.reduce((s, g) => s + g.granted, 0)).toBe(100);
    expect(Math.max(...grants.map((g) => g.total))).toBe(100);
    expect(grants.filter((g) => g.granted === 0).length).toBeGreaterThan(0);
  });

  it("record offline debt unconditionally, and take back what is given back", async () => {
    const scopeKey = `key:${randomUUID()}:rpm`;
    expect(await takeLimitLease({ scopeKey, windowStart, want: 10, limit: 10, debt: 0 })).toEqual({
      granted: 10,
      total: 10,
    });
    expect(await takeLimitLease({ scopeKey, windowStart, want: 5, limit: 10, debt: 3 })).toEqual({
      granted: 0,
      total: 13,
    });
    await giveBackLimitLease(scopeKey, windowStart, 8);
    expect(await takeLimitLease({ scopeKey, windowStart, want: 5, limit: 10, debt: 0 })).toEqual({
      granted: 5,
      total: 10,
    });
  });

  it("two gates sharing Postgres admit exactly the limit of 200 concurrent requests", async () => {
    const a = new LeaseLimitGate({ store });
    const b = new LeaseLimitGate({ store });
    const k = key(50);
    const request = {
      key: k,
      model: "auto",
      estimate: { inputTokens: 10, outputTokens: 10 },
      maxOutputTokens: 10,
      now: Date.now(),
    };
    const decisions = await Promise.all(
      Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).check(request)),
    );
    expect(decisions.filter((d) => d.admit).length).toBe(50);
    const { rows } = await getPgPool().query<{ granted: string }>(
      `SELECT "granted"::text FROM "LimitLease" WHERE "scopeKey" = $1`,
      [`key:${k.keyId}:rpm`],
    );
    expect(rows.map((r) => Number(r.granted))).toEqual([50]);
  });
});
