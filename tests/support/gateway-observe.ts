/**
 * What a resilience test reads back from a running gateway and its database: provider
 * and credential breaker states (through the operator endpoints, as a person would),
 * Prometheus samples, usage rows and breaker event rows.
 */
import { getPrisma } from "@/lib/db";
import { admin } from "./gateway-process";
import { waitFor } from "./wait-for";

export interface ProviderStatus {
  id: string;
  state: string;
  online: boolean;
  offlineReason: string | null;
  credentials: {
    id: string;
    label: string;
    last4: string;
    state: string;
    lastErrorClass: string | null;
  }[];
}

export interface CredentialRow {
  id: string;
  provider: string;
  label: string;
  last4: string;
  state: string;
  lastErrorClass: string | null;
  failures: number;
}

export async function providerStatus(baseUrl: string, providerId: string): Promise<ProviderStatus> {
  // With the admin key, as an operator: credential details are not public.
  const { providers } = await admin<{ providers: ProviderStatus[] }>(baseUrl, "GET", "/providers");
  const found = providers.find((p) => p.id === providerId);
  if (!found) throw new Error(`provider ${providerId} missing from /providers`);
  return found;
}

/** Waits until GET /providers reports the provider's breaker in `state`. */
export function waitForProviderState(
  baseUrl: string,
  providerId: string,
  state: string,
  timeoutMs = 5_000,
): Promise<ProviderStatus> {
  return waitFor(
    async () => {
      const p = await providerStatus(baseUrl, providerId);
      return p.state === state ? p : undefined;
    },
    { timeoutMs, what: `provider ${providerId} ${state} in /providers` },
  );
}

export async function credentialsOf(baseUrl: string, provider: string): Promise<CredentialRow[]> {
  const { data } = await admin<{ data: CredentialRow[] }>(baseUrl, "GET", "/api/admin/credentials");
  return data.filter((c) => c.provider === provider);
}

/** One sample of a Prometheus metric from GET /metrics, matched on exactly these labels; undefined when absent. */
export async function metricSample(
  baseUrl: string,
  name: string,
  labels: Record<string, string>,
): Promise<number | undefined> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const want = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .sort()
    .join(",");
  for (const line of text.split("\n")) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = (m[2] ?? "")
      .split(/,(?=[a-zA-Z_]\w*=")/)
      .filter(Boolean)
      .sort()
      .join(",");
    if (have === want) return Number(m[3]);
  }
  return undefined;
}

/** `timeoutMs`: longer where the gateway must first load the tokenizer to count a cut stream. */
export function waitForUsageRow(requestId: string, timeoutMs = 5_000) {
  return waitFor(() => getPrisma().usageRecord.findUnique({ where: { requestId } }), {
    what: `usage row ${requestId}`,
    timeoutMs,
  });
}

/** Breaker transitions stored since `since` for a provider (its own scope and its credentials'), oldest first. */
export function breakerEventsSince(providerId: string, since: Date) {
  return getPrisma().breakerEvent.findMany({
    where: { providerId, createdAt: { gte: since } },
    orderBy: { id: "asc" },
  });
}

/** The stored breaker row of one scope (`provider:<id>` or `credential:<id>`). */
export function breakerRow(scopeKey: string) {
  return getPrisma().breakerState.findUnique({ where: { scopeKey } });
}

/**
 * Waits until a wall-clock instant. Only for tests where time passing is the point
 * (a cooldown that must elapse); the instant comes from the product's own state.
 */
export async function untilTime(epochMs: number): Promise<void> {
  const wait = epochMs - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait + 1));
}
