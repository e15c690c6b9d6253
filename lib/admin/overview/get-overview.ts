import { listAlerts } from "@/lib/admin/alerts/list-alerts";
import { listProviders } from "@/lib/admin/providers/list-providers";
import { getGatewayRuntime } from "@/lib/runtime/gateway-runtime";
import { spendSeries } from "./spend-series";
import { trafficStats } from "./traffic-stats";

const STATE_ORDER: Record<string, number> = { quarantined: 0, open: 1, half_open: 2, closed: 3 };

/**
 * The overview page in one call: the last hour's traffic (requests, errors (5xx) and
 * refusals (4xx) per minute; the error rate counts 5xx only; per provider error rate, p50/p95 latency and time to first token, ms), spend
 * today and this month (micro-dollars, per day), what is down for the banner (each
 * provider down by the one definition, and each credential not serving, worst first,
 * with their next probe times, and the same one-line count as the breakers page's
 * strip), requests answered before any upstream call (no provider's), the latest alerts, and whether providers are simulated (by default, whether this process's
 * gateway serves from the simulator).
 */
export async function getOverview({ simulated }: { simulated?: boolean } = {}) {
  const [traffic, spend, providers, alerts] = await Promise.all([
    trafficStats(),
    spendSeries(),
    listProviders(),
    listAlerts({ limit: 5 }),
  ]);
  const credentials = providers.data.flatMap((p) => p.credentials);
  const notClosed = credentials
    .filter((c) => c.state !== "closed")
    .sort((a, b) => (STATE_ORDER[a.state] ?? 9) - (STATE_ORDER[b.state] ?? 9));
  const lastHour = traffic.series.reduce(
    (s, p) => ({
      requests: s.requests + p.requests,
      errors: s.errors + p.errors,
      refused: s.refused + p.refused,
    }),
    { requests: 0, errors: 0, refused: 0 },
  );
  return {
    simulated: simulated ?? (await getGatewayRuntime()).simulated,
    lastHour: {
      ...lastHour,
      errorRate: lastHour.requests ? lastHour.errors / lastHour.requests : null,
      requestsPerMinute: lastHour.requests / 60,
    },
    perMinute: traffic.series,
    providers: traffic.providers,
    beforeUpstream: traffic.beforeUpstream,
    spend,
    providersDown: providers.data
      .filter((p) => p.down)
      .map((p) => ({
        provider: p.provider,
        name: p.name,
        state: p.state,
        forced: p.forced,
        downReason: p.downReason,
        lastErrorClass: p.lastErrorClass,
        openedAt: p.openedAt,
        nextProbeAt: p.forced ? null : p.nextProbeAt,
      })),
    attention: providers.attention,
    breakersNotClosed: notClosed,
    credentialsTotal: credentials.length,
    alerts,
  };
}
