import { getPrisma } from "@/lib/db";
import { providerAttempts, type ProviderAttempts } from "./provider-attempts";

export interface MinutePoint {
  minute: string;
  requests: number;
  /** Answered 5xx: the gateway or every provider it tried failed the caller. */
  errors: number;
  /** Answered 4xx: the caller's own error, a limit, or a client that went away. */
  refused: number;
}

export interface ProviderTraffic extends ProviderAttempts {
  provider: string;
  /** Requests this provider served or was the last one tried for. */
  requests: number;
  /** Answered 5xx after this provider was the last one tried. */
  errors: number;
  /** Latency of the whole request, ms. */
  p50LatencyMs: number | null;
  p95LatencyMs: number | null;
  /** Time to first token (streams), ms. */
  p50TtftMs: number | null;
  p95TtftMs: number | null;
}

/** Requests answered before any upstream call (no provider reached): never a provider's row. */
export interface BeforeUpstream {
  requests: number;
  /** 5xx: no provider could take it (every breaker open, or none configured). */
  noProvider: number;
  /** 4xx: bad input, an unknown key, a limit, a client gone. */
  refused: number;
}

/**
 * Traffic over the last `minutes` minutes, aggregated in SQL: requests, errors (5xx) and
 * refusals (4xx) per minute; per provider its upstream attempts and failed attempts (by
 * class, from the per-minute attempt counts), and p50/p95 latency and time to first
 * token, ms; and the requests answered before any upstream call, which are no
 * provider's. Refusals are kept apart so a burst of bad requests or limits does not read
 * as the gateway or a provider failing.
 */
export async function trafficStats({
  minutes = 60,
  now = new Date(),
}: { minutes?: number; now?: Date } = {}) {
  const prisma = getPrisma();
  const since = new Date(now.getTime() - minutes * 60_000);
  const [perMinute, perProvider, attempts] = await Promise.all([
    prisma.$queryRaw<{ minute: Date; requests: bigint; errors: bigint; refused: bigint }[]>`
      SELECT date_trunc('minute', "createdAt") AS minute, count(*) AS requests, count(*) FILTER (WHERE "httpStatus" >= 500) AS errors,
        count(*) FILTER (WHERE "httpStatus" >= 400 AND "httpStatus" < 500) AS refused
      FROM "UsageRecord" WHERE "createdAt" >= ${since} AND "createdAt" <= ${now} GROUP BY 1 ORDER BY 1`,
    prisma.$queryRaw<
      {
        provider: string | null;
        requests: bigint;
        errors: bigint;
        p50: number | null;
        p95: number | null;
        t50: number | null;
        t95: number | null;
      }[]
    >`
      SELECT "providerId" AS provider, count(*) AS requests, count(*) FILTER (WHERE "httpStatus" >= 500) AS errors,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY "latencyMs") AS p50,
        percentile_cont(0.95) WITHIN GROUP (ORDER BY "latencyMs") AS p95,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY "ttfbMs") AS t50,
        percentile_cont(0.95) WITHIN GROUP (ORDER BY "ttfbMs") AS t95
      FROM "UsageRecord" WHERE "createdAt" >= ${since} AND "createdAt" <= ${now} GROUP BY 1 ORDER BY 2 DESC`,
    providerAttempts({ since, now }),
  ]);
  const byMinute = new Map(perMinute.map((r) => [r.minute.getTime(), r]));
  // Every minute of the window, zeros included, so the chart's time axis is even.
  const start = Math.floor(since.getTime() / 60_000) * 60_000;
  const series: MinutePoint[] = [];
  for (let t = start + 60_000; t <= now.getTime(); t += 60_000) {
    const row = byMinute.get(t);
    series.push({
      minute: new Date(t).toISOString(),
      requests: Number(row?.requests ?? 0),
      errors: Number(row?.errors ?? 0),
      refused: Number(row?.refused ?? 0),
    });
  }
  const none = perProvider.find((r) => r.provider === null);
  const beforeUpstream: BeforeUpstream = {
    requests: Number(none?.requests ?? 0),
    noProvider: Number(none?.errors ?? 0),
    refused: Number(none?.requests ?? 0) - Number(none?.errors ?? 0),
  };
  const served = new Map(
    perProvider.filter((r) => r.provider !== null).map((r) => [r.provider!, r]),
  );
  const ids = [...new Set([...served.keys(), ...attempts.keys()])];
  const providers: ProviderTraffic[] = ids
    .map((id) => {
      const r = served.get(id);
      return {
        provider: id,
        requests: Number(r?.requests ?? 0),
        errors: Number(r?.errors ?? 0),
        ...(attempts.get(id) ?? { attempts: 0, failed: 0, byClass: [] }),
        p50LatencyMs: r?.p50 ?? null,
        p95LatencyMs: r?.p95 ?? null,
        p50TtftMs: r?.t50 ?? null,
        p95TtftMs: r?.t95 ?? null,
      };
    })
    .sort((a, b) => b.attempts - a.attempts || b.requests - a.requests);
  return { series, providers, beforeUpstream };
}
