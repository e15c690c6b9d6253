/**
 * `POST /v1/embeddings` through both doors, driven by the official `openai` client's
 * `embeddings.create` over real HTTP, against the simulator's OpenAI, OpenRouter and
 * Gemini upstreams and a real Postgres: vectors (string, array, dimensions, base64),
 * failover within one model when the first provider answers 503, no failover across
 * models, usage rows (input tokens, money, `api`), the invoice, and bad input in OpenAI's
 * error shape.
 */
import { countTokens } from "gpt-tokenizer";
import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { picosToMicros } from "@/lib/billing/money";
import { getPrisma } from "@/lib/db";
import { startSimulator, type Simulator } from "@/lib/simulator";
import { simulatedVector } from "@/lib/simulator/embeddings";
import { simProviderEnv } from "../support/sim-provider-env";
import {
  admin,
  issueTenantKey,
  startGatewayProcess,
  type GatewayProcess,
} from "../support/gateway-process";
import { expectOpenAIError } from "../support/openai-error";
import { waitFor } from "../support/wait-for";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterEach(() => sim.control.clearFaults());
afterAll(async () => {
  await sim.close();
});

async function usageRow(requestId: string) {
  return waitFor(() => getPrisma().usageRecord.findUnique({ where: { requestId } }), {
    what: `usage row ${requestId}`,
  });
}

/** The simulator's vector as the `openai` client hands it back from base64 (float32). */
const asFloat32 = (values: number[]) => values.map(Math.fround);
const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

/** Prices of the default catalogue (micro-dollars per 1M tokens), and the list price billed. */
const SMALL_PRICE = 20_000;
const GEMINI_PRICE = 150_000;
const BILLED_PRICE = 5_000_000;

const outage = (provider: string) =>
  sim.control.setFault({
    match: { provider },
    status: 503,
    body: { error: { message: "The engine is currently overloaded.", type: "server_error" } },
  });

describe.each(["node", "next"] as const)("/v1/embeddings through the %s door", (door) => {
  let gw: GatewayProcess;
  let client: OpenAI;
  let key: string;
  let tenantId: string;

  beforeAll(async () => {
    gw = await startGatewayProcess({
      door,
      env: simProviderEnv(sim, {
        openai: ["sk-oa-embed-1"],
        openrouter: ["sk-or-embed-1"],
        gemini: ["AIza-embed-1"],
        deepseek: ["sk-ds-embed-1"],
      }),
    });
    const issued = await issueTenantKey(gw.url, `embeddings-${door}`);
    key = issued.key;
    tenantId = issued.tenantId;
    client = new OpenAI({ apiKey: key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
  });
  afterAll(async () => {
    await gw?.stop();
  });

  it("embeds a string (the client's default base64) and meters its input tokens and money", async () => {
    const { data, response } = await client.embeddings
      .create({ model: "text-embedding-3-small", input: "The gateway embeds this sentence." })
      .withResponse();
    expect(response.headers.get("x-gateway-provider")).toBe("openai");
    expect(response.headers.get("x-gateway-attempts")).toBe("1");
    expect(data.object).toBe("list");
    expect(data.data).toHaveLength(1);
    const vector = data.data[0]!.embedding;
    expect(vector).toEqual(asFloat32(simulatedVector("The gateway embeds this sentence.", 1536)));
    expect(norm(vector)).toBeCloseTo(1, 5);

    const row = await usageRow(response.headers.get("x-request-id")!);
    expect(row.api).toBe("embeddings");
    expect(row.tenantId).toBe(tenantId);
    expect(row.providerId).toBe("openai");
    expect(row.upstreamModel).toBe("text-embedding-3-small");
    expect(row.promptTokens).toBe(data.usage.prompt_tokens);
    expect(row.promptTokens).toBeGreaterThan(0);
    expect(row.completionTokens).toBe(0);
    expect(row.tokensEstimated).toBe(false);
    expect(row.streamed).toBe(false);
    expect(row.httpStatus).toBe(200);
    expect(row.upstreamCostPicos).toBe(BigInt(row.promptTokens * SMALL_PRICE));
    expect(row.billedPicos).toBe(BigInt(row.promptTokens * BILLED_PRICE));
  });

  it("embeds an array with dimensions, as floats or as base64", async () => {
    const input = ["first passage", "second passage", "third passage"];
    const floats = await client.embeddings.create({
      model: "openai/text-embedding-3-large",
      input,
      dimensions: 64,
      encoding_format: "float",
    });
    expect(floats.data.map((d) => d.index)).toEqual([0, 1, 2]);
    floats.data.forEach((d, i) => expect(d.embedding).toEqual(simulatedVector(input[i]!, 64)));

    const encoded = await client.embeddings.create({
      model: "openai/text-embedding-3-large",
      input,
      dimensions: 64,
      encoding_format: "base64",
    });
    const first = encoded.data[0]!.embedding as unknown as string;
    expect(typeof first).toBe("string");
    const bytes = Buffer.from(first, "base64");
    expect(bytes).toHaveLength(64 * 4);
    const decoded = Array.from({ length: 64 }, (_, i) => bytes.readFloatLE(i * 4));
    expect(decoded).toEqual(asFloat32(simulatedVector(input[0]!, 64)));
  });

  it("translates to Gemini's batchEmbedContents and counts the tokens Gemini does not report", async () => {
    const input = ["a passage for Gemini", "another one"];
    for (const encoding_format of ["float", "base64"] as const) {
      const { data, response } = await client.embeddings
        .create({ model: "gemini-embedding-001", input, dimensions: 32, encoding_format })
        .withResponse();
      expect(response.headers.get("x-gateway-provider")).toBe("gemini");
      const vectors = data.data.map((d) =>
        typeof d.embedding === "string"
          ? Array.from({ length: 32 }, (_, i) =>
              Buffer.from(d.embedding as unknown as string, "base64").readFloatLE(i * 4),
            )
          : d.embedding,
      );
      const expected = input.map((t) => simulatedVector(t, 32));
      expect(vectors).toEqual(encoding_format === "float" ? expected : expected.map(asFloat32));
      const counted = countTokens(input[0]!) + countTokens(input[1]!);
      expect(data.usage).toEqual({ prompt_tokens: counted, total_tokens: counted });

      const row = await usageRow(response.headers.get("x-request-id")!);
      expect(row.api).toBe("embeddings");
      expect(row.tokensEstimated).toBe(true);
      expect(row.promptTokens).toBe(counted);
      expect(row.completionTokens).toBe(0);
      expect(row.upstreamCostPicos).toBe(BigInt(counted * GEMINI_PRICE));
    }
  });

  it("fails over to another provider of the same model when the first answers 503", async () => {
    const text = "failover keeps the vector space";
    const direct = await client.embeddings.create({ model: "text-embedding-3-small", input: text });
    outage("openai");
    const { data, response } = await client.embeddings
      .create({ model: "text-embedding-3-small", input: text })
      .withResponse();
    expect(response.headers.get("x-gateway-provider")).toBe("openrouter");
    expect(response.headers.get("x-gateway-attempts")).toBe("2");
    // Same model at another provider: the very same vector.
    expect(data.data[0]!.embedding).toEqual(direct.data[0]!.embedding);
    const row = await usageRow(response.headers.get("x-request-id")!);
    expect(row).toMatchObject({ api: "embeddings", providerId: "openrouter", attempts: 2 });
    expect(row.upstreamModel).toBe("openai/text-embedding-3-small");
    expect(row.upstreamCostPicos).toBe(BigInt(row.promptTokens * SMALL_PRICE));
  });

  it("never fails over to another model: 503 once every provider of the model is down", async () => {
    outage("openai");
    outage("openrouter");
    const before = sim.control.stats().byProvider;
    const res = await fetch(`${gw.url}/v1/embeddings`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "text-embedding-3-small", input: "nowhere to go" }),
    });
    const body = await expectOpenAIError(res, 503, { code: "no_provider_available" });
    expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(body.error.message).toContain("openai");
    expect(body.error.message).toContain("openrouter");
    expect(body.error.message).not.toContain("gemini");
    const after = sim.control.stats().byProvider;
    expect(after.gemini ?? 0).toBe(before.gemini ?? 0);
    expect((after.openai ?? 0) - (before.openai ?? 0)).toBe(1);
    expect((after.openrouter ?? 0) - (before.openrouter ?? 0)).toBe(1);

    // `auto` names several embedding models here: refused, never priced into one.
    const auto = await fetch(`${gw.url}/v1/embeddings`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "auto", input: "which model?" }),
    });
    const refused = await expectOpenAIError(auto, 400, { param: "model" });
    expect(refused.error.message).toContain("embedding models");
  });

  it("keeps chat and embedding models apart, in routing, the preview and the price list", async () => {
    const chat = await client.chat.completions
      .create({ model: "text-embedding-3-small", messages: [{ role: "user", content: "hi" }] })
      .catch((e: unknown) => e);
    expect(chat).toBeInstanceOf(OpenAI.BadRequestError);
    expect((chat as InstanceType<typeof OpenAI.BadRequestError>).code).toBe("model_not_found");
    expect((chat as Error).message).toContain("/v1/embeddings");
    const embed = await client.embeddings
      .create({ model: "deepseek/deepseek-chat", input: "hi" })
      .catch((e: unknown) => e);
    expect(embed).toBeInstanceOf(OpenAI.BadRequestError);
    expect((embed as InstanceType<typeof OpenAI.BadRequestError>).param).toBe("model");
    const models = await client.models.list();
    const ids = models.data.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(["auto", "text-embedding-3-small"]));

    interface Preview {
      candidates: { model: string }[];
      chosen: { model: string } | null;
      error: string | null;
    }
    const embeddingNames = [
      "openai/text-embedding-3-small",
      "openai/text-embedding-3-large",
      "openrouter/openai/text-embedding-3-small",
      "gemini/gemini-embedding-001",
    ];
    const chatAuto = await admin<Preview>(gw.url, "GET", "/api/admin/routing/preview?model=auto");
    expect(chatAuto.candidates.length).toBeGreaterThan(0);
    for (const c of chatAuto.candidates) expect(embeddingNames).not.toContain(c.model);
    const preview = await admin<Preview>(
      gw.url,
      "GET",
      "/api/admin/routing/preview?model=text-embedding-3-small&kind=embedding",
    );
    expect(preview.error).toBeNull();
    expect(preview.chosen?.model).toBe("openai/text-embedding-3-small");
    expect([...new Set(preview.candidates.map((c) => c.model))]).toEqual([
      "openai/text-embedding-3-small",
      "openrouter/openai/text-embedding-3-small",
    ]);
    const prices = await admin<{ data: { model: string; kind: string }[] }>(
      gw.url,
      "GET",
      "/api/admin/prices?kind=embedding",
    );
    expect(prices.data.map((p) => p.model).sort()).toEqual([...embeddingNames].sort());
    expect(new Set(prices.data.map((p) => p.kind))).toEqual(new Set(["embedding"]));
  });

  it("answers bad input with a 4xx in OpenAI's shape", async () => {
    const post = (body: unknown, auth = key) =>
      fetch(`${gw.url}/v1/embeddings`, {
        method: "POST",
        headers: { authorization: `Bearer ${auth}`, "content-type": "application/json" },
        body: typeof body === "string" ? body : JSON.stringify(body),
      });
    const empty = await client.embeddings
      .create({ model: "text-embedding-3-small", input: "" })
      .catch((e: unknown) => e);
    expect(empty).toBeInstanceOf(OpenAI.BadRequestError);
    expect((empty as InstanceType<typeof OpenAI.BadRequestError>).param).toBe("input");

    await expectOpenAIError(
      await post({ model: "text-embedding-3-small", input: [[1], "a"] }),
      400,
      {
        type: "invalid_request_error",
        param: "input",
      },
    );
    await expectOpenAIError(
      await post({ model: "text-embedding-3-small", input: "x", dimensions: 0 }),
      400,
      { param: "dimensions" },
    );
    await expectOpenAIError(
      await post({ model: "text-embedding-3-small", input: "x", encoding_format: "int8" }),
      400,
      { param: "encoding_format" },
    );
    await expectOpenAIError(await post("{not json"), 400, { code: "invalid_json" });
    await expectOpenAIError(await post({ input: "x" }), 400, { param: "model" });
    await expectOpenAIError(await post({ model: "nobody/nothing", input: "x" }), 400, {
      code: "model_not_found",
    });
    // Token ids mean something to OpenAI's tokenizer only: Gemini cannot take them.
    const tokens = await post({ model: "gemini-embedding-001", input: [[9906, 1917]] });
    const refused = await expectOpenAIError(tokens, 400, { param: "input" });
    expect(refused.error.message).toContain("token arrays");
    await expectOpenAIError(
      await post({ model: "text-embedding-3-small", input: "x" }, "sk-nope"),
      401,
      {
        code: "invalid_api_key",
      },
    );
    const get = await fetch(`${gw.url}/v1/embeddings`, {
      headers: { authorization: `Bearer ${key}` },
    });
    await expectOpenAIError(get, 405);
    expect(get.headers.get("allow")).toBe("POST");

    // OpenAI's own model reads token arrays: served, each array counted by its ids.
    const served = await post({ model: "openai/text-embedding-3-small", input: [[9906, 1917]] });
    expect(served.status).toBe(200);
    const row = await usageRow(served.headers.get("x-request-id")!);
    expect(row.promptTokens).toBe(2);
  });

  it("puts embeddings on the invoice, by model", async () => {
    const issued = await issueTenantKey(gw.url, `embeddings-invoice-${door}`);
    const payer = new OpenAI({ apiKey: issued.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
    const ids: string[] = [];
    for (const input of ["one invoice line", ["two", "more inputs"]]) {
      const { response } = await payer.embeddings
        .create({ model: "text-embedding-3-small", input })
        .withResponse();
      ids.push(response.headers.get("x-request-id")!);
    }
    const rows = await Promise.all(ids.map(usageRow));
    const tokens = rows.reduce((s, r) => s + r.promptTokens, 0);
    const billed = rows.reduce((s, r) => s + r.billedPicos, 0n);
    const now = new Date();
    const period = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, "0")}`;
    const { data } = await admin<{
      data: {
        lines: { kind: string; description: string; quantity: number; amountMicros: number }[];
      }[];
    }>(gw.url, "POST", "/api/admin/invoices/generate", { period, tenantId: issued.tenantId });
    const lines = data[0]!.lines;
    const overage = lines.find((l) => l.kind === "overage")!;
    expect(overage.quantity).toBe(tokens);
    // To the nearest micro-dollar, as the invoice's overage line shows it.
    expect(overage.amountMicros).toBe(Number(picosToMicros(billed)));
    const byModel = lines.find(
      (l) => l.kind === "info" && l.description.includes("openai/text-embedding-3-small"),
    );
    expect(byModel?.quantity).toBe(tokens);
  });
});
