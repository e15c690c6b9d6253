/**
 * The catalogue's admin API over real HTTP, on two instances of the product sharing one
 * database: a deployment added through instance A is served by A as soon as A answers
 * and by B within a second (B's own clock: when its memory loaded the catalogue, against
 * the change time A stored); it is called with the `openai` client, edited, disabled
 * (then refused with 400 `model_not_found` on both), and every change is audited. Bad
 * input gets a 4xx in the API's error shape, never a 500.
 */
import { randomUUID } from "node:crypto";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db";
import { startSimulator, type Simulator } from "@/lib/simulator";
import {
  admin,
  issueTenantKey,
  startGatewayProcess,
  TEST_ADMIN_KEY,
  type GatewayProcess,
} from "../support/gateway-process";
import { metricSample, waitForUsageRow } from "../support/gateway-observe";
import { expectOpenAIError } from "../support/openai-error";
import { simProviderEnv } from "../support/sim-provider-env";
import { waitFor } from "../support/wait-for";

const tag = randomUUID().slice(0, 8);
const MODEL = `deepseek-reasoner-${tag}`;
const ALIAS = `reasoner-${tag}`;

interface Deployment {
  id: string;
  provider: string;
  model: string;
  publicName: string;
  aliases: string[];
  kind: "chat" | "embedding";
  inputPricePer1MMicros: number;
  outputPricePer1MMicros: number;
  cachedInputPricePer1MMicros: number | null;
  billedPricePer1MMicros: number | null;
  contextWindow: number | null;
  enabled: boolean;
  updatedAt: string;
}

let sim: Simulator;
let a: GatewayProcess;
let b: GatewayProcess;
let key: string;
let created: Deployment;

beforeAll(async () => {
  sim = await startSimulator();
  const env = simProviderEnv(sim, { deepseek: [`sk-ds-catalogue-${tag}`] });
  // One after the other: both migrate and seed the same rows at start.
  a = await startGatewayProcess({ env });
  b = await startGatewayProcess({ env });
  ({ key } = await issueTenantKey(a.url, `catalogue-${tag}`));
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await sim?.close();
});

function call(base: string, method: string, pathname: string, body?: unknown) {
  return fetch(base + pathname, {
    method,
    headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, "content-type": "application/json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

const refused = (res: Response, status: number, code: string, param: string | null) =>
  expectOpenAIError(res, status, { requestId: false, code, param, secrets: [TEST_ADMIN_KEY] });

const clientOf = (gw: GatewayProcess) =>
  new OpenAI({ apiKey: key, baseURL: `${gw.url}/v1`, maxRetries: 0 });

/** The model names an instance's catalogue offers this key. */
async function modelsOf(gw: GatewayProcess): Promise<string[]> {
  const page = await clientOf(gw).models.list();
  return page.data.map((m) => m.id);
}

async function ask(gw: GatewayProcess, model: string) {
  return clientOf(gw)
    .chat.completions.create({ model, messages: [{ role: "user", content: "Hi" }] })
    .withResponse();
}

describe("the catalogue's admin API", () => {
  it("lists the seeded deployments with their kind and the registered providers", async () => {
    const list = await admin<{ data: Deployment[]; providers: { id: string; name: string }[] }>(
      a.url,
      "GET",
      "/api/admin/deployments",
    );
    const deepseek = list.data.find((d) => d.publicName === "deepseek/deepseek-chat");
    expect(deepseek).toMatchObject({
      provider: "deepseek",
      model: "deepseek-chat",
      kind: "chat",
      inputPricePer1MMicros: 140_000,
      contextWindow: 64_000,
      enabled: true,
    });
    expect(list.providers.map((p) => p.id)).toEqual(
      expect.arrayContaining(["anthropic", "deepseek", "gemini", "openai", "openrouter"]),
    );
  });

  it("adds a deployment that A serves at once and B within a second of the stored change", async () => {
    const res = await call(a.url, "POST", "/api/admin/deployments", {
      provider: "deepseek",
      model: MODEL,
      aliases: [ALIAS],
      inputPricePer1MMicros: 550_000,
      outputPricePer1MMicros: 2_190_000,
      cachedInputPricePer1MMicros: 140_000,
      contextWindow: 64_000,
    });
    expect(res.status).toBe(201);
    created = (await res.json()) as Deployment;
    expect(created).toMatchObject({
      provider: "deepseek",
      model: MODEL,
      publicName: `deepseek/${MODEL}`,
      aliases: [ALIAS],
      kind: "chat",
      outputPricePer1MMicros: 2_190_000,
      billedPricePer1MMicros: null,
      enabled: true,
    });

    // A reloaded its own catalogue before answering: no wait.
    expect(await modelsOf(a)).toEqual(expect.arrayContaining([ALIAS, `deepseek/${MODEL}`]));

    // B: waits for the event, then compares B's own load time with A's stored change.
    await waitFor(async () => (await modelsOf(b)).includes(ALIAS), {
      timeoutMs: 5_000,
      intervalMs: 10,
      what: "B offering the new alias",
    });
    const loadedAt = await metricSample(b.url, "gateway_catalog_loaded_timestamp_seconds", {});
    const lagMs = loadedAt! * 1000 - Date.parse(created.updatedAt);
    console.log(
      `deployment added on A reached B's catalogue ${lagMs.toFixed(0)} ms after it was stored`,
    );
    expect(lagMs).toBeGreaterThanOrEqual(0);
    expect(lagMs).toBeLessThan(1_000);
  });

  it("serves the new alias on B with the `openai` client and meters it at the deployment's prices", async () => {
    const { data: completion, response } = await ask(b, ALIAS);
    expect(completion.choices[0]!.message.content).toBeTruthy();
    expect(response.headers.get("x-gateway-provider")).toBe("deepseek");
    const row = await waitForUsageRow(response.headers.get("x-request-id")!);
    expect(row).toMatchObject({
      modelRequested: ALIAS,
      deploymentId: created.id,
      upstreamModel: MODEL,
      httpStatus: 200,
      inputPricePer1MMicros: 550_000n,
      outputPricePer1MMicros: 2_190_000n,
    });
  });

  it("edits prices and aliases, audited by family, and B routes the new alias", async () => {
    const res = await call(a.url, "PATCH", `/api/admin/deployments/${created.id}`, {
      aliases: [ALIAS, `${ALIAS}-v2`],
      inputPricePer1MMicros: 600_000,
      contextWindow: null,
    });
    expect(res.status).toBe(200);
    const edited = (await res.json()) as Deployment;
    expect(edited).toMatchObject({
      aliases: [ALIAS, `${ALIAS}-v2`],
      inputPricePer1MMicros: 600_000,
      outputPricePer1MMicros: 2_190_000,
      contextWindow: null,
    });
    const events = await getPrisma().auditEvent.findMany({
      where: { targetType: "deployment", targetId: created.id },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => [e.action, e.actor])).toEqual([
      ["deployment.created", "admin-api-key"],
      ["price.changed", "admin-api-key"],
      ["deployment.updated", "admin-api-key"],
    ]);
    expect(events[1]!.details).toMatchObject({
      model: `deepseek/${MODEL}`,
      before: { inputPricePer1MMicros: 550_000 },
      after: { inputPricePer1MMicros: 600_000 },
    });
    expect(events[2]!.details).toMatchObject({
      before: { aliases: [ALIAS], contextWindow: 64_000 },
      after: { aliases: [ALIAS, `${ALIAS}-v2`], contextWindow: null },
    });

    const { data } = await waitFor(() => ask(b, `${ALIAS}-v2`).catch(() => undefined), {
      what: "B serving the second alias",
    });
    expect(data.choices[0]!.message.content).toBeTruthy();
  });

  it("disables it: refused at once on A and within a second on B with 400 model_not_found", async () => {
    const res = await call(a.url, "PATCH", `/api/admin/deployments/${created.id}`, {
      enabled: false,
    });
    expect(res.status).toBe(200);
    const disabled = (await res.json()) as Deployment;
    expect(disabled.enabled).toBe(false);
    await expect(ask(a, ALIAS)).rejects.toMatchObject({ status: 400, code: "model_not_found" });
    const refusedOnB = await waitFor(
      () =>
        ask(b, ALIAS).then(
          () => undefined,
          (err: { status?: number; code?: string }) => err,
        ),
      { timeoutMs: 5_000, intervalMs: 10, what: "B refusing the disabled alias" },
    );
    expect(refusedOnB).toMatchObject({ status: 400, code: "model_not_found" });
    const loadedAt = await metricSample(b.url, "gateway_catalog_loaded_timestamp_seconds", {});
    expect(loadedAt! * 1000 - Date.parse(disabled.updatedAt)).toBeLessThan(1_000);
    const last = await getPrisma().auditEvent.findFirst({
      where: { targetType: "deployment", targetId: created.id },
      orderBy: { id: "desc" },
    });
    expect(last?.action).toBe("deployment.disabled");
  });

  it("answers bad input with a 4xx naming the field, and changes nothing", async () => {
    const before = await getPrisma().deployment.count();
    const base = {
      provider: "deepseek",
      model: `other-${tag}`,
      inputPricePer1MMicros: 1,
      outputPricePer1MMicros: 1,
    };
    const post = (body: unknown) => call(a.url, "POST", "/api/admin/deployments", body);

    const unknown = await refused(
      await post({ ...base, provider: "nope" }),
      400,
      "invalid_request_error",
      "provider",
    );
    expect(unknown.error.message).toMatch(
      /^Unknown provider 'nope'\. Registered providers: .*deepseek/,
    );
    await refused(await post({ ...base, model: MODEL }), 409, "conflict", "model");
    await refused(
      await post({ ...base, inputPricePer1MMicros: -5 }),
      400,
      "invalid_request_error",
      "inputPricePer1MMicros",
    );
    await refused(await post({ ...base, kind: "image" }), 400, "invalid_request_error", "kind");
    await refused(
      await post({ ...base, aliases: ["auto"] }),
      400,
      "invalid_request_error",
      "aliases.0",
    );
    await refused(await post("{not json"), 400, "invalid_json", null);
    await refused(await post({ ...base, bogus: 1 }), 400, "invalid_request_error", "bogus");

    // An embedding model under one alias, then a chat deployment claiming the same alias.
    // Priced far above any real model: it becomes a chat deployment below, and other test
    // files share this database, so it must never be what their `auto` picks.
    const embedAlias = `embed-${tag}`;
    const embed = await admin<Deployment>(a.url, "POST", "/api/admin/deployments", {
      provider: "openai",
      model: `text-embedding-${tag}`,
      kind: "embedding",
      aliases: [embedAlias],
      inputPricePer1MMicros: 900_000_000,
    });
    expect(embed).toMatchObject({ kind: "embedding", outputPricePer1MMicros: 0 });
    const twoKinds = await refused(
      await post({ ...base, aliases: [embedAlias] }),
      409,
      "conflict",
      "aliases",
    );
    expect(twoKinds.error.message).toContain("cannot name both a chat and an embedding deployment");
    // A kind change that would leave the alias naming two kinds is refused on `kind`.
    await admin(a.url, "PATCH", `/api/admin/deployments/${created.id}`, {
      aliases: [ALIAS, "shared-" + tag],
    });
    await admin(a.url, "PATCH", `/api/admin/deployments/${embed.id}`, {
      kind: "chat",
      aliases: [embedAlias, "shared-" + tag],
    });
    await refused(
      await call(a.url, "PATCH", `/api/admin/deployments/${embed.id}`, { kind: "embedding" }),
      409,
      "conflict",
      "kind",
    );

    const patch = (id: string, body: unknown) =>
      call(a.url, "PATCH", `/api/admin/deployments/${id}`, body);
    await refused(await patch("no-such-id", { enabled: true }), 404, "not_found", "id");
    await refused(await patch(created.id, {}), 400, "invalid_request_error", null);
    await refused(
      await patch(created.id, { outputPricePer1MMicros: 1.5 }),
      400,
      "invalid_request_error",
      "outputPricePer1MMicros",
    );
    await refused(
      await patch(created.id, { provider: "nope" }),
      400,
      "invalid_request_error",
      "provider",
    );
    await refused(
      await call(a.url, "DELETE", `/api/admin/deployments/${created.id}`),
      405,
      "method_not_allowed",
      null,
    );
    // Only the one embedding deployment was added.
    expect(await getPrisma().deployment.count()).toBe(before + 1);
  });
});
