/**
 * Reading breaker state from outside the product, the way an operator would: the
 * admin API (state as stored in Postgres, what every instance agrees on) and
 * /metrics (the state one process holds in memory and acts on).
 */
import { getPrisma } from "@/lib/db";
import { admin } from "./gateway-process";

export interface CredentialRow {
  id: string;
  provider: string;
  label: string;
  last4: string;
  disabled: boolean;
  state: "closed" | "open" | "half_open" | "quarantined";
  lastErrorClass: string | null;
  openedAt: string | null;
  retryAt: string | null;
  failures: number;
}

export async function listCredentialRows(baseUrl: string): Promise<CredentialRow[]> {
  return (await admin<{ data: CredentialRow[] }>(baseUrl, "GET", "/api/admin/credentials")).data;
}

/** The enabled credential of `provider` whose key is `key` (matched by its last four characters). */
export async function credentialForKey(
  baseUrl: string,
  provider: string,
  key: string,
): Promise<CredentialRow> {
  const rows = (await listCredentialRows(baseUrl)).filter(
    (c) => c.provider === provider && c.last4 === key.slice(-4) && !c.disabled,
  );
  if (rows.length !== 1)
    throw new Error(
      `expected one ${provider} credential ending ${key.slice(-4)}, found ${rows.length}`,
    );
  return rows[0]!;
}

export async function credentialRow(baseUrl: string, id: string): Promise<CredentialRow> {
  const row = (await listCredentialRows(baseUrl)).find((c) => c.id === id);
  if (!row) throw new Error(`credential ${id} is not listed`);
  return row;
}

const GAUGE_STATES = ["closed", "half_open", "open", "quarantined"] as const;

/**
 * The credential breaker's state in this process's memory, from the
 * `gateway_breaker_state` gauge; "closed" when the process never set it.
 */
export async function breakerStateInMemory(
  baseUrl: string,
  credentialId: string,
): Promise<(typeof GAUGE_STATES)[number]> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const line = text
    .split("\n")
    .find(
      (l) => l.startsWith("gateway_breaker_state{") && l.includes(`credential="${credentialId}"`),
    );
  if (!line) return "closed";
  const value = Number(line.slice(line.lastIndexOf(" ") + 1));
  const state = GAUGE_STATES[value];
  if (!state) throw new Error(`unexpected breaker gauge line: ${line}`);
  return state;
}

/**
 * When this process's memory last moved the credential's breaker (epoch ms), from the
 * `gateway_breaker_state_changed_timestamp_seconds` gauge; undefined when never set.
 */
export async function breakerChangedAtInMemory(
  baseUrl: string,
  credentialId: string,
): Promise<number | undefined> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const line = text
    .split("\n")
    .find(
      (l) =>
        l.startsWith("gateway_breaker_state_changed_timestamp_seconds{") &&
        l.includes(`credential="${credentialId}"`),
    );
  return line ? Math.round(Number(line.slice(line.lastIndexOf(" ") + 1)) * 1000) : undefined;
}

export interface TimelineTransition {
  credentialId: string;
  from: string;
  to: string;
  errorClass: string | null;
  reason: string;
  actor: string;
  note: string | null;
  at: string;
}

export interface AuthTimeline {
  data: {
    credentialId: string;
    status: number;
    errorClass: string;
    code: string | null;
    requestId: string;
    at: string;
  }[];
  transitions: TimelineTransition[];
}

/** GET /api/admin/auth-failures for one credential since `from`. */
export async function authTimeline(
  baseUrl: string,
  credentialId: string,
  from: Date,
): Promise<AuthTimeline> {
  const q = new URLSearchParams({ credentialId, from: from.toISOString(), limit: "10000" });
  return admin<AuthTimeline>(baseUrl, "GET", `/api/admin/auth-failures?${q}`);
}

/** The dashboard's 401/403 chart for one credential from `from` to now: counts per bucket, aggregated in SQL. */
export async function authBuckets(
  baseUrl: string,
  credentialId: string,
  from: Date,
): Promise<{ bucketSeconds: number; total: number; buckets: { status: number; count: number }[] }> {
  const q = new URLSearchParams({ credentialId, from: from.toISOString() });
  return admin(baseUrl, "GET", `/api/admin/auth-failures/timeline?${q}`);
}

/**
 * Integration files share one database, and a provider-wide breaker another file left
 * open would silently reroute this file's traffic: start from none. Credential
 * breakers need no reset, each file uses keys of its own.
 */
export async function resetProviderBreakers(): Promise<void> {
  await getPrisma().breakerState.deleteMany({ where: { scope: "provider" } });
}

/** Alert rows the gateway stored since `since` (one per alert raised, delivered or not). */
export async function alertRowsSince(since: Date) {
  return getPrisma().alert.findMany({
    where: { createdAt: { gte: since } },
    orderBy: { id: "asc" },
  });
}
