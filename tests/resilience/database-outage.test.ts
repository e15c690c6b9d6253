/**
 * Postgres as a dependency, not a single point of failure. Under steady load with a
 * known key, Postgres is frozen for a few seconds, then stopped for 30 s (through a
 * loopback proxy in front of it, so the shared server is untouched), then brought back:
 * no request with the known key fails, keys never seen get 503 with Retry-After,
 * `/ready` tells the truth within a second the whole time, a key with a limit admits
 * from its lease plus one offline lease a window and then answers 503, and once Postgres is back
 * the usage rows equal the successful responses exactly.
 */
import { randomBytes } from "node:crypto";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db";
import { startSimulator, type Simulator } from "@/lib/simulator";
import { startDbProxy, type DbProxy } from "../support/db-proxy";
import {
  issueTenantKey,
  startGatewayProcess,
  type GatewayProcess,
} from "../support/gateway-process";
import { simProviderEnv } from "../support/sim-provider-env";
import { waitFor } from "../support/wait-for";

const MODEL = "deepseek/deepseek-chat";
const OUTAGE_MS = 30_000;
const HANG_MS = 3_000;
const CONCURRENCY = 4;
/** The limited key's requests per minute; an instance leases 10% of it at a time. */
const LIMITED_RPM = 600;
const LEASE = LIMITED_RPM / 10;

interface ReadyProbe {
  at: number;
  status: number;
  ms: number;
  phase: Phase;
}
type Phase = "before" | "hang" | "down" | "after";

let sim: Simulator;
let proxy: DbProxy;
let gw: GatewayProcess | undefined;

beforeAll(async () => {
  sim = await startSimulator();
  proxy = await startDbProxy(process.env.DATABASE_URL!);
  gw = await startGatewayProcess({
    env: {
      ...simProviderEnv(sim, { deepseek: ["sk-ds-outage-0001"] }),
      DATABASE_URL: proxy.url,
      GATEWAY_DB_CONNECT_TIMEOUT_MS: "4000",
      GATEWAY_DB_STATEMENT_TIMEOUT_MS: "3000",
      // Short, so that cached keys outlive their lifetime during the outage.
      GATEWAY_KEY_CACHE_TTL_MS: "3000",
    },
  });
});
afterAll(async () => {
  await gw?.stop();
  await proxy?.close();
  await sim?.close();
});

describe("a 30 s database outage under load", () => {
  it("fails no request with a known key, refuses unknown keys with 503, reports readiness truthfully, and meters every success once", async () => {
    const known = (await issueTenantKey(gw!.url, "outage-known")).key;
    const limited = (
      await issueTenantKey(gw!.url, "outage-limited", { requestsPerMinute: LIMITED_RPM })
    ).key;
    const limitedClient = new OpenAI({ apiKey: limited, baseURL: `${gw!.url}/v1`, maxRetries: 0 });
    // Known to this instance (key cached, a lease taken) before the outage.
    const { response: firstLimited } = await limitedClient.chat.completions
      .create({ model: MODEL, messages: [{ role: "user", content: "limited before" }] })
      .withResponse();
    const client = new OpenAI({ apiKey: known, baseURL: `${gw!.url}/v1`, maxRetries: 0 });
    let phase: Phase = "before";
    let running = true;
    const succeeded: string[] = [];
    const failed: string[] = [];
    const probes: ReadyProbe[] = [];
    const unknownStatuses: { status: number; retryAfter: string | null; phase: Phase }[] = [];

    const load = Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, worker) => {
        for (let i = 0; running; i++) {
          try {
            const { response } = await client.chat.completions
              .create({
                model: MODEL,
                messages: [{ role: "user", content: `outage ${worker}-${i}` }],
              })
              .withResponse();
            succeeded.push(response.headers.get("x-request-id")!);
          } catch (err) {
            failed.push(`${phase}: ${(err as Error).message}`);
          }
        }
      }),
    );
    const readiness = (async () => {
      while (running) {
        const started = Date.now();
        const p = phase;
        const res = await fetch(`${gw!.url}/ready`);
        await res.text();
        probes.push({ at: started, status: res.status, ms: Date.now() - started, phase: p });
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    const unknownKey = async () => {
      const res = await fetch(`${gw!.url}/v1/chat/completions`, {
        method: "POST",
        headers: {
          authorization: `Bearer sk-gw-${randomBytes(24).toString("hex")}`,
          "content-type": "application/json",
        },
        body: JSON.stringify({ model: MODEL, messages: [{ role: "user", content: "who am I" }] }),
      });
      await res.text();
      unknownStatuses.push({
        status: res.status,
        retryAfter: res.headers.get("retry-after"),
        phase,
      });
    };

    await waitFor(async () => succeeded.length >= 20, {
      timeoutMs: 10_000,
      what: "load before the outage",
    });
    await unknownKey();

    phase = "hang";
    proxy.hang();
    await new Promise((r) => setTimeout(r, HANG_MS));

    phase = "down";
    proxy.down();
    const downAt = Date.now();
    const during = succeeded.length;
    // The limited key while Postgres is down: its lease's remainder, then one offline
    // lease per minute window, then 503 with Retry-After (never a 429: the limit itself
    // is far away). On a slow machine these requests may cross a minute boundary, and the
    // new window grants its own offline lease, so the bound counts the windows spanned.
    const limitedStatuses = new Map<number, number>();
    let limited503RetryAfter: string | null = null;
    const limitedFrom = Date.now();
    for (let i = 0, refusedInARow = 0; i < 4 * LEASE && refusedInARow < 5; i++) {
      try {
        const { response } = await limitedClient.chat.completions
          .create({ model: MODEL, messages: [{ role: "user", content: `limited ${i}` }] })
          .withResponse();
        succeeded.push(response.headers.get("x-request-id")!);
        limitedStatuses.set(200, (limitedStatuses.get(200) ?? 0) + 1);
        refusedInARow = 0;
      } catch (err) {
        const status = (err as { status?: number }).status ?? 0;
        limitedStatuses.set(status, (limitedStatuses.get(status) ?? 0) + 1);
        if (status === 503) {
          limited503RetryAfter = (err as { headers?: Headers }).headers?.get("retry-after") ?? null;
          refusedInARow++;
        }
      }
    }
    const limitedWindows = Math.floor(Date.now() / 60_000) - Math.floor(limitedFrom / 60_000) + 1;
    while (Date.now() - downAt < OUTAGE_MS) {
      await unknownKey();
      await new Promise((r) => setTimeout(r, 1_000));
    }
    const servedDuringOutage = succeeded.length - during;

    phase = "after";
    proxy.up();
    const upAt = Date.now();
    await waitFor(async () => probes.some((p) => p.at > upAt && p.status === 200), {
      timeoutMs: 15_000,
      what: "/ready 200 after recovery",
    });
    const afterUp = succeeded.length;
    const limitedAfter = await waitFor(
      async () => {
        try {
          const { response } = await limitedClient.chat.completions
            .create({ model: MODEL, messages: [{ role: "user", content: "limited after" }] })
            .withResponse();
          return response.headers.get("x-request-id")!;
        } catch {
          return undefined;
        }
      },
      { timeoutMs: 15_000, what: "the limited key served again after recovery" },
    );
    succeeded.push(firstLimited.headers.get("x-request-id")!, limitedAfter);
    await waitFor(async () => succeeded.length >= afterUp + 20, {
      timeoutMs: 10_000,
      what: "load after recovery",
    });
    running = false;
    await Promise.all([load, readiness]);

    // Every successful response becomes exactly one usage row once Postgres is back.
    const rows = await waitFor(
      async () => {
        // Counted in slices: a quiet machine serves tens of thousands in the run, more
        // ids than one statement may bind.
        let n = 0;
        for (let i = 0; i < succeeded.length; i += 10_000)
          n += await getPrisma().usageRecord.count({
            where: { requestId: { in: succeeded.slice(i, i + 10_000) } },
          });
        return n === succeeded.length ? n : undefined;
      },
      { timeoutMs: 20_000, what: `${succeeded.length} usage rows` },
    );
    console.log(
      `[outage] /ready before: ${probes
        .filter((p) => p.phase === "before")
        .map((p) => `${p.status}/${p.ms}ms`)
        .join(" ")}`,
    );
    console.log(
      `[outage] ${succeeded.length} successes (${servedDuringOutage} while Postgres was down), ${rows} usage rows, ${failed.length} client errors, ${probes.length} /ready probes`,
    );

    console.log(
      `[outage] limited key while down: ${JSON.stringify(Object.fromEntries(limitedStatuses))} over ${limitedWindows} minute window(s)`,
    );
    expect(failed).toEqual([]);
    expect([...limitedStatuses.keys()].sort()).toEqual([200, 503]);
    // The lease held before the outage, plus one offline lease per window spanned.
    expect(limitedStatuses.get(200)!).toBeLessThanOrEqual(LEASE + LEASE * limitedWindows);
    expect(limited503RetryAfter).toMatch(/^\d+$/);
    expect(servedDuringOutage).toBeGreaterThan(50);
    expect(rows).toBe(succeeded.length);
    expect(unknownStatuses.filter((u) => u.phase === "before").map((u) => u.status)).toEqual([401]);
    const downUnknown = unknownStatuses.filter((u) => u.phase === "down");
    expect(downUnknown.length).toBeGreaterThanOrEqual(20);
    for (const u of downUnknown)
      expect(u).toMatchObject({ status: 503, retryAfter: expect.stringMatching(/^\d+$/) });

    // /ready: always within a second; 503 while Postgres is frozen or down (after the
    // first second of each), 200 before and again after recovery.
    expect(Math.max(...probes.map((p) => p.ms))).toBeLessThan(1_000);
    // Before the outage: ready (on a loaded machine a probe may miss its 800 ms budget
    // and say 503; it never says 200 for a Postgres that is away).
    const before = probes.filter((p) => p.phase === "before");
    expect(before.filter((p) => p.status === 200).length).toBeGreaterThanOrEqual(
      Math.ceil(before.length / 2),
    );
    const settled = probes.filter((p) => p.phase === "down" && p.at > downAt + 1_000);
    expect(settled.length).toBeGreaterThan(50);
    expect(settled.every((p) => p.status === 503)).toBe(true);
    const hung = probes.filter((p) => p.phase === "hang");
    // A frozen Postgres makes each probe use its whole budget: about one a second.
    expect(hung.length).toBeGreaterThanOrEqual(2);
    expect(hung.slice(-2).every((p) => p.status === 503)).toBe(true);
    expect(probes.at(-1)!.status).toBe(200);
  }, 120_000);
});
