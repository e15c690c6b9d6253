/**
 * `npm run chaos -- <scenario> [options]`: breaks a running product in simulator mode
 * through the simulator's fault control, sends traffic like a client, and prints what
 * happened: what clients got, the breakers, the alerts raised, and (when the fault is
 * cleared) how long recovery took with no client traffic.
 *
 *   revoke-key   the provider answers 401 invalid_api_key: credential breakers open, then quarantine
 *   outage       the provider answers 503 overloaded: its breaker opens, clients fail over or get 503
 *   rate-limit   the provider answers 429 with no Retry-After (a limit silently lowered)
 *   slow-stream  streams drip one event every --drip ms
 *   storm        --n requests at once (--concurrency at a time), no fault
 *
 * Options: --provider <id> (default deepseek), --n <requests> (default 50),
 * --concurrency <n> (default 10), --drip <ms> (default 500), --keep (leave the fault on).
 * Environment: GATEWAY_URL (default http://localhost:$PORT, PORT defaulting to 3000, as
 * `npm start` listens), ADMIN_API_KEY (required),
 * SIMULATOR_URL (the banner's "Simulator:" address; default
 * http://127.0.0.1:$GATEWAY_SIMULATOR_PORT).
 */
import { parseArgs } from "node:util";
import { PROVIDER_ERRORS, type FaultSpec } from "@/lib/simulator";

const SCENARIOS = ["revoke-key", "outage", "rate-limit", "slow-stream", "storm"] as const;
type Scenario = (typeof SCENARIOS)[number];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    provider: { type: "string", default: "deepseek" },
    n: { type: "string", default: "50" },
    concurrency: { type: "string", default: "10" },
    drip: { type: "string", default: "500" },
    keep: { type: "boolean", default: false },
  },
});

const gateway = (process.env.GATEWAY_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(
  /\/$/,
  "",
);
const adminKey = process.env.ADMIN_API_KEY ?? "";
const simulator = (
  process.env.SIMULATOR_URL ??
  (process.env.GATEWAY_SIMULATOR_PORT
    ? `http://127.0.0.1:${process.env.GATEWAY_SIMULATOR_PORT}`
    : "")
).replace(/\/$/, "");

interface ProviderView {
  id: string;
  online: boolean;
  offlineReason: string | null;
  state: string;
  models: string[];
  credentials: { label: string; last4: string; state: string; lastErrorClass: string | null }[];
}

async function json<T>(url: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, init);
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? "GET"} ${url} -> ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

const asAdmin = (method: string, body?: unknown): RequestInit => ({
  method,
  headers: { authorization: `Bearer ${adminKey}`, "content-type": "application/json" },
  body: body === undefined ? undefined : JSON.stringify(body),
});

async function providers(): Promise<ProviderView[]> {
  return (await json<{ providers: ProviderView[] }>(`${gateway}/providers`, asAdmin("GET")))
    .providers;
}

async function tenantKey(): Promise<string> {
  const tenant = await json<{ id: string }>(
    `${gateway}/api/admin/tenants`,
    asAdmin("POST", { name: `chaos-${Date.now()}` }),
  );
  return (
    await json<{ key: string }>(
      `${gateway}/api/admin/tenants/${tenant.id}/keys`,
      asAdmin("POST", { name: "chaos" }),
    )
  ).key;
}

async function setFault(spec: FaultSpec): Promise<string> {
  const { id } = await json<{ id: string }>(`${simulator}/_sim/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(spec),
  });
  console.log(`fault on: POST ${simulator}/_sim/faults ${JSON.stringify(spec).slice(0, 160)}`);
  return id;
}

async function clearFault(id: string): Promise<void> {
  await json(`${simulator}/_sim/faults/${encodeURIComponent(id)}`, { method: "DELETE" });
  console.log(`fault off: DELETE ${simulator}/_sim/faults/${id}`);
}

interface Outcome {
  status: number;
  servedBy: string | null;
  ms: number;
  firstByteMs: number;
  error?: string;
  retryAfter?: string | null;
}

async function request(key: string, model: string, stream: boolean): Promise<Outcome> {
  const started = Date.now();
  try {
    const res = await fetch(`${gateway}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ model, stream, messages: [{ role: "user", content: "chaos" }] }),
    });
    const reader = res.body!.getReader();
    let firstByteMs = -1;
    let text = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (firstByteMs < 0) firstByteMs = Date.now() - started;
      text += Buffer.from(value).toString();
    }
    const error = res.ok
      ? undefined
      : ((JSON.parse(text) as { error?: { message?: string } }).error?.message ?? text);
    return {
      status: res.status,
      servedBy: res.headers.get("x-gateway-provider"),
      ms: Date.now() - started,
      firstByteMs,
      error,
      retryAfter: res.headers.get("retry-after"),
    };
  } catch (err) {
    return {
      status: 0,
      servedBy: null,
      ms: Date.now() - started,
      firstByteMs: -1,
      error: String(err),
    };
  }
}

async function traffic(
  key: string,
  model: string,
  n: number,
  concurrency: number,
  stream = false,
): Promise<Outcome[]> {
  const out: Outcome[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (next < n) {
        next++;
        out.push(await request(key, model, stream));
      }
    }),
  );
  return out;
}

function report(title: string, outcomes: Outcome[]): void {
  const by = new Map<string, number>();
  for (const o of outcomes) {
    const k = `${o.status}${o.servedBy ? ` via ${o.servedBy}` : ""}`;
    by.set(k, (by.get(k) ?? 0) + 1);
  }
  const ms = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  console.log(`\n${title}: ${outcomes.length} requests`);
  for (const [k, count] of by) console.log(`  ${String(count).padStart(5)} × ${k}`);
  console.log(
    `  latency p50 ${ms[Math.floor(ms.length / 2)] ?? 0} ms, max ${ms.at(-1) ?? 0} ms` +
      (outcomes.some((o) => o.firstByteMs >= 0)
        ? `, first byte p50 ${outcomes.map((o) => o.firstByteMs).sort((a, b) => a - b)[Math.floor(outcomes.length / 2)]} ms`
        : ""),
  );
  const errors = [...new Set(outcomes.filter((o) => o.error).map((o) => o.error!.slice(0, 200)))];
  for (const e of errors.slice(0, 5)) console.log(`  client error: ${e}`);
  const retry = outcomes.find((o) => o.retryAfter)?.retryAfter;
  if (retry) console.log(`  503s carried Retry-After: ${retry} s (first seen)`);
}

async function breakers(title: string): Promise<void> {
  console.log(`\nbreakers ${title}:`);
  for (const p of await providers()) {
    const creds = p.credentials
      .map(
        (c) =>
          `${c.label} …${c.last4} ${c.state}${c.lastErrorClass ? ` (${c.lastErrorClass})` : ""}`,
      )
      .join(", ");
    console.log(
      `  ${p.id.padEnd(12)} provider ${p.state.padEnd(11)} ${p.online ? "online " : `DOWN (${p.offlineReason})`}  ${creds}`,
    );
  }
}

async function alertsSince(since: number): Promise<void> {
  const { data } = await json<{ data: { kind: string; message: string; createdAt: string }[] }>(
    `${gateway}/api/admin/alerts?limit=50`,
    asAdmin("GET"),
  );
  const recent = data.filter((a) => Date.parse(a.createdAt) >= since);
  console.log(`\nalerts raised: ${recent.length}`);
  for (const a of recent.reverse()) console.log(`  ${a.kind}: ${a.message.slice(0, 200)}`);
}

/** Polls /providers until `provider` is closed and online again; no client traffic meanwhile. */
async function timeRecovery(provider: string, timeoutMs = 120_000): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const p = (await providers()).find((x) => x.id === provider);
    if (p && p.online && p.state === "closed" && p.credentials.every((c) => c.state === "closed")) {
      console.log(
        `\nrecovered with no client traffic ${Date.now() - started} ms after the fault was cleared`,
      );
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  console.log(`\nnot recovered within ${timeoutMs} ms (a quarantined key waits for a person)`);
}

const FAULTS: Record<
  Exclude<Scenario, "storm">,
  (provider: string, dripMs: number) => FaultSpec
> = {
  "revoke-key": (provider) => ({ match: { provider }, ...PROVIDER_ERRORS.openai.invalidApiKey }),
  outage: (provider) => ({
    match: { provider },
    ...PROVIDER_ERRORS.openai.overloaded,
    status: 503,
  }),
  "rate-limit": (provider) => ({
    match: { provider },
    ...PROVIDER_ERRORS.openai.rateLimited,
    headers: { "content-type": "application/json" },
  }),
  "slow-stream": (provider, dripMs) => ({ match: { provider }, stream: { dripMs } }),
};

async function main(): Promise<void> {
  const scenario = positionals[0] as Scenario | undefined;
  if (!scenario || !SCENARIOS.includes(scenario)) {
    console.error(`usage: npm run chaos -- <${SCENARIOS.join("|")}> [--provider id] [--n N]`);
    process.exit(2);
  }
  if (!adminKey) throw new Error("ADMIN_API_KEY is required (the first start's banner prints it)");
  if (!simulator && scenario !== "storm")
    throw new Error("SIMULATOR_URL is required (the banner's 'Simulator:' line)");
  const provider = values.provider!;
  const n = Number(values.n);
  const concurrency = Number(values.concurrency);
  const view = (await providers()).find((p) => p.id === provider);
  if (!view) throw new Error(`no provider '${provider}'`);
  const model = scenario === "storm" ? "auto" : view.models[0]!;
  const key = await tenantKey();
  const since = Date.now();
  console.log(`chaos: ${scenario} on ${provider} (${model}) against ${gateway}`);
  await breakers("before");
  if (scenario === "storm") {
    report("storm", await traffic(key, model, n, concurrency));
  } else {
    const faultId = await setFault(FAULTS[scenario](provider, Number(values.drip)));
    try {
      report(
        "clients during the fault",
        await traffic(
          key,
          model,
          scenario === "slow-stream" ? Math.min(n, 5) : n,
          concurrency,
          scenario === "slow-stream",
        ),
      );
      await breakers("during the fault");
    } finally {
      if (!values.keep) await clearFault(faultId);
    }
    if (!values.keep && scenario !== "slow-stream") await timeRecovery(provider);
  }
  await breakers("after");
  await alertsSince(since);
}

main().catch((err: Error) => {
  // "fetch failed" alone does not say which address was tried.
  const where = err.message === "fetch failed" ? ` (is the product running at ${gateway}?)` : "";
  console.error(`chaos: ${err.message}${where}`);
  process.exit(1);
});
