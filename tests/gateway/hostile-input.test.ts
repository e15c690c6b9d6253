/**
 * Bad bytes are bad requests: a property run of hostile inputs (malformed and truncated
 * JSON, NUL and lone surrogates, huge strings, deep nesting, odd headers, oversized
 * bodies, aborted uploads, malformed percent-escapes, hostile session cookies, methods no
 * route serves, `*` and absolute-form request targets) against the gateway and every
 * admin route file. Not one 500, errors in the API's shape, the process up and its
 * memory bounded. `npm run fuzz` runs many more cases, through both doors.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type Simulator } from "@/lib/simulator";
import { adminRoutes, GATEWAY_ROUTES, hostileCase, type HostileCase } from "../fuzz/hostile-inputs";
import {
  issueTenantKey,
  startGatewayProcess,
  TEST_ADMIN_KEY,
  type GatewayProcess,
} from "../support/gateway-process";
import { rawRequest, type RawResponse } from "../support/raw-http";
import { simProviderEnv } from "../support/sim-provider-env";

const CASES = Number(process.env.FUZZ_CASES ?? 2_000);
const DOORS = (process.env.FUZZ_DOORS ?? "node").split(",") as ("node" | "next")[];
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const CONCURRENCY = 6;
/**
 * Resident memory the server may gain over the run. Measured: about +40 MiB per 1,000
 * cases for the first 9,000 (bodies of several MiB in flight, the heap growing to its
 * working size, Next's in-memory caches filling), then flat: +390 to +435 MiB after
 * 20,000 cases, +100 after 2,000. A leak of 25 KiB a request would cross this in 20,000.
 */
const MAX_RSS_GROWTH_BYTES = 512 * 1024 * 1024;

function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(m![1]) * 1024;
}

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim?.close();
});

describe.each(DOORS)("hostile input through the %s door", (door) => {
  let gw: GatewayProcess | undefined;
  let tenantKey: string;

  beforeAll(async () => {
    gw = await startGatewayProcess({
      door,
      env: simProviderEnv(sim, { deepseek: [`sk-ds-fuzz-${door}-0001`] }),
    });
    tenantKey = (await issueTenantKey(gw.url, `fuzz-${door}`)).key;
  });
  afterAll(async () => {
    await gw?.stop();
  });

  it(
    `answers ${CASES} hostile requests without one 500 (seed ${SEED})`,
    async () => {
      const routes = [...adminRoutes(), ...GATEWAY_ROUTES];
      expect(
        routes.filter((r) => r.pattern.startsWith("/api/admin/")).length,
      ).toBeGreaterThanOrEqual(8);
      const cases = fc.sample(
        hostileCase(routes, (p) => (p.startsWith("/v1/") ? tenantKey : TEST_ADMIN_KEY)),
        { numRuns: CASES, seed: SEED },
      );
      const rssBefore = rssBytes(gw!.pid);
      let peakRss = rssBefore;
      const failures: string[] = [];
      const statuses = new Map<number, number>();
      let next = 0;

      const check = (c: HostileCase, res: RawResponse | null) => {
        const label = `${c.method} ${c.request.absoluteForm ? "(absolute) " : ""}${c.request.path.slice(0, 120)} body=${c.request.body?.subarray(0, 80).toString("utf8") ?? "-"}${c.request.truncateAt !== undefined ? ` (cut at ${c.request.truncateAt})` : ""}`;
        if (res === null) {
          // Only an upload we cut ourselves may go unanswered.
          if (c.request.truncateAt === undefined) failures.push(`no answer: ${label}`);
          return;
        }
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500)
          failures.push(`${res.status}: ${label} -> ${res.body.slice(0, 200)}`);
        const location = res.headers.location;
        if (location && new URL(location, gw!.url).origin !== new URL(gw!.url).origin)
          failures.push(`redirect off our origin: ${label} -> ${location}`);
        if (c.request.path === "*" || c.request.path.startsWith("http://evil.example"))
          if (
            !(res.status >= 400 && res.status < 500) &&
            !(res.status === 204 && c.method === "OPTIONS")
          )
            failures.push(`${res.status} for a target we do not serve: ${label}`);
        // Errors quote at most a short excerpt of the input (200 characters) in their message.
        if (res.status >= 400 && res.body.length > 2_000)
          failures.push(
            `${res.body.length}-character error: ${label} -> ${res.body.slice(0, 200)}`,
          );
        if (res.status >= 400 && (res.headers["content-type"] ?? "").includes("application/json")) {
          const body = JSON.parse(res.body) as { error?: { message?: unknown; type?: unknown } };
          if (typeof body.error?.message !== "string" || typeof body.error.type !== "string")
            failures.push(`not the API's error shape: ${label} -> ${res.body.slice(0, 200)}`);
          if (/\bat .+\.(?:js|ts):\d+/.test(res.body))
            failures.push(`stack trace in the answer: ${label}`);
        }
      };

      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < cases.length) {
            const c = cases[next++]!;
            check(c, await rawRequest(gw!.url, c.request));
            if (next % 100 === 0) peakRss = Math.max(peakRss, rssBytes(gw!.pid));
          }
        }),
      );

      console.log(
        `[fuzz ${door}] ${CASES} cases, seed ${SEED}: statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}, RSS ${Math.round(rssBefore / 2 ** 20)} MiB before, peak +${Math.round((peakRss - rssBefore) / 2 ** 20)} MiB`,
      );
      expect(failures.slice(0, 20)).toEqual([]);
      // Most answers are the caller's fault, as they should be; some got through to a real answer.
      expect([...statuses.keys()].some((s) => s >= 400 && s < 500)).toBe(true);
      const health = await fetch(`${gw!.url}/health`);
      expect(health.status).toBe(200);
      expect(peakRss - rssBefore).toBeLessThan(MAX_RSS_GROWTH_BYTES);
    },
    Math.max(120_000, CASES * 100),
  );
});
