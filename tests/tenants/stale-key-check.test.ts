/**
 * Stale while checking, on the real product: with Postgres frozen (a loopback proxy in
 * front of it holds every byte), a known key whose cache entry has expired is answered
 * from that entry at once, not after the statement timeout; a revocation made meanwhile
 * (straight in Postgres, which the frozen instance cannot see) wins as soon as Postgres
 * answers again.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revokeApiKey } from "@/lib/admin/keys/revoke-api-key";
import { startDbProxy, type DbProxy } from "../support/db-proxy";
import {
  issueTenantKey,
  startGatewayProcess,
  type GatewayProcess,
} from "../support/gateway-process";
import { waitFor } from "../support/wait-for";

/** Before stale-while-checking, the first request waited for the statement timeout (16 s). */
const ANSWER_BUDGET_MS = 1_000;

let proxy: DbProxy;
let gw: GatewayProcess | undefined;

beforeAll(async () => {
  proxy = await startDbProxy(process.env.DATABASE_URL!);
  gw = await startGatewayProcess({
    env: {
      DATABASE_URL: proxy.url,
      // Every entry has expired by the next request: each one is a check against Postgres.
      GATEWAY_KEY_CACHE_TTL_MS: "1",
    },
  });
});
afterAll(async () => {
  proxy?.up();
  await gw?.stop();
  await proxy?.close();
});

/** GET /v1/models with `key`; given up after a few seconds, well before the statement timeout. */
async function listModels(key: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const res = await fetch(`${gw!.url}/v1/models`, {
    headers: { authorization: `Bearer ${key}` },
    signal: AbortSignal.timeout(5_000),
  });
  await res.text();
  return { status: res.status, ms: performance.now() - started };
}

describe("a known key while Postgres is frozen", () => {
  it("is served from its expired entry at once, and refused once Postgres answers that it was revoked", async () => {
    const issued = await issueTenantKey(gw!.url, "stale-check");
    expect((await listModels(issued.key)).status).toBe(200);

    proxy.hang();
    const frozen = await listModels(issued.key);
    // Answered while Postgres is still frozen, and long before its statement timeout.
    expect(frozen.status).toBe(200);
    expect(frozen.ms).toBeLessThan(ANSWER_BUDGET_MS);
    console.log(`first request after expiry, Postgres frozen: ${Math.round(frozen.ms)} ms`);

    // Revoked past the frozen proxy: this instance can learn it only from its own check.
    await revokeApiKey({ id: issued.keyId, actor: "test" });
    expect((await listModels(issued.key)).status).toBe(200);

    proxy.up();
    await waitFor(async () => (await listModels(issued.key)).status === 401, {
      timeoutMs: 2_000,
      what: "the revoked key to be refused once Postgres answers",
    });
  });
});
