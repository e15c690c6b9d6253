import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { defaultDimensions, simulatedVector } from "./embeddings";
import { PROVIDER_ERRORS, startSimulator, type Simulator } from "./index";
import { post, type Payload } from "./test-support";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterEach(() => {
  sim.control.clearFaults();
  sim.control.resetStats();
});
afterAll(() => sim.close());

const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

const openai = (provider: string, body: object, key = "sk-sim") =>
  post(`${sim.baseUrlFor(provider)}/embeddings`, body, { authorization: `Bearer ${key}` });

const gemini = (model: string, body: object, key = "AIza-sim") =>
  post(`${sim.baseUrlFor("gemini")}/v1beta/models/${model}:batchEmbedContents`, body, {
    "x-goog-api-key": key,
  });

describe("simulated vectors", () => {
  it("are seeded by the input alone, unit length, of the length asked for", () => {
    const a = simulatedVector("the cat sat", 64);
    expect(simulatedVector("the cat sat", 64)).toEqual(a);
    expect(simulatedVector("the dog sat", 64)).not.toEqual(a);
    expect(a).toHaveLength(64);
    expect(norm(a)).toBeCloseTo(1, 12);
    expect(simulatedVector([1, 2, 3], 8)).toEqual(simulatedVector([1, 2, 3], 8));
    expect(simulatedVector([1, 2, 3], 8)).not.toEqual(simulatedVector([1, 2, 4], 8));
  });

  it("default to each model's own length", () => {
    expect(defaultDimensions("text-embedding-3-small")).toBe(1536);
    expect(defaultDimensions("openai/text-embedding-3-small")).toBe(1536);
    expect(defaultDimensions("text-embedding-3-large")).toBe(3072);
    expect(defaultDimensions("gemini-embedding-001")).toBe(3072);
  });
});

describe("OpenAI's /embeddings", () => {
  it("answers each input in order with its usage, floats or base64", async () => {
    const res = await openai("openai", {
      model: "text-embedding-3-small",
      input: ["hello world", "second input"],
      dimensions: 16,
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Payload;
    expect(body.object).toBe("list");
    expect(body.model).toBe("text-embedding-3-small");
    expect(body.data.map((d: Payload) => d.index)).toEqual([0, 1]);
    expect(body.data[0].embedding).toEqual(simulatedVector("hello world", 16));
    // ceil(11 / 4) + ceil(12 / 4)
    expect(body.usage).toEqual({ prompt_tokens: 6, total_tokens: 6 });

    const b64 = (await (
      await openai("openai", {
        model: "text-embedding-3-small",
        input: "hello world",
        dimensions: 16,
        encoding_format: "base64",
      })
    ).json()) as Payload;
    const bytes = Buffer.from(b64.data[0].embedding, "base64");
    const floats = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    expect([...floats]).toEqual(simulatedVector("hello world", 16).map(Math.fround));
  });

  it("counts a token array by its ids, and the same vector from any provider of a model", async () => {
    const direct = (await (
      await openai("openai", { model: "text-embedding-3-small", input: [[5, 6, 7]] })
    ).json()) as Payload;
    expect(direct.usage.prompt_tokens).toBe(3);
    expect(direct.data[0].embedding).toHaveLength(1536);
    const routed = (await (
      await openai("openrouter", { model: "openai/text-embedding-3-small", input: [[5, 6, 7]] })
    ).json()) as Payload;
    expect(routed.data[0].embedding).toEqual(direct.data[0].embedding);
  });

  it("refuses input that is none of OpenAI's shapes as OpenAI does", async () => {
    for (const input of ["", [], ["a", ""], [["x"]], [1, "a"]]) {
      const res = await openai("openai", { model: "text-embedding-3-small", input });
      expect(res.status, JSON.stringify(input)).toBe(400);
      expect(((await res.json()) as Payload).error.type).toBe("invalid_request_error");
    }
  });

  it("obeys the fault control like every other endpoint", async () => {
    sim.control.setFault({ match: { provider: "openai" }, ...PROVIDER_ERRORS.openai.serverError });
    const res = await openai("openai", { model: "text-embedding-3-small", input: "x" });
    expect(res.status).toBe(500);
    const routed = await openai("openrouter", {
      model: "openai/text-embedding-3-small",
      input: "x",
    });
    expect(routed.status).toBe(200);
    expect(sim.control.calls.snapshot().byProvider).toMatchObject({ openai: 1, openrouter: 1 });
  });

  it("has no embeddings at Anthropic", async () => {
    const res = await post(
      `${sim.baseUrlFor("anthropic")}/v1/embeddings`,
      {},
      { "x-api-key": "k" },
    );
    expect(res.status).toBe(404);
  });
});

describe("Gemini's batchEmbedContents", () => {
  const request = (text: string, extra: object = {}) => ({
    model: "models/gemini-embedding-001",
    content: { parts: [{ text }] },
    ...extra,
  });

  it("answers embeddings[].values in request order, honouring outputDimensionality", async () => {
    const res = await gemini("gemini-embedding-001", {
      requests: [request("hello world", { outputDimensionality: 8 }), request("again")],
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Payload;
    expect(body.embeddings[0].values).toEqual(simulatedVector("hello world", 8));
    expect(body.embeddings[1].values).toHaveLength(3072);
    expect(body.usageMetadata).toBeUndefined();
  });

  it("refuses a model other than the URL's, an empty text and a batch over 100", async () => {
    const wrong = await gemini("gemini-embedding-001", {
      requests: [{ ...request("x"), model: "models/other" }],
    });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as Payload).error.status).toBe("INVALID_ARGUMENT");
    expect((await gemini("gemini-embedding-001", { requests: [request("")] })).status).toBe(400);
    const big = await gemini("gemini-embedding-001", {
      requests: Array.from({ length: 101 }, (_, i) => request(`t${i}`)),
    });
    expect(big.status).toBe(400);
    expect(((await big.json()) as Payload).error.message).toContain("at most 100 requests");
  });

  it("obeys the fault control", async () => {
    sim.control.setFault({
      match: { provider: "gemini" },
      status: 503,
      body: { error: { code: 503, message: "overloaded", status: "UNAVAILABLE" } },
      times: 1,
    });
    expect((await gemini("gemini-embedding-001", { requests: [request("x")] })).status).toBe(503);
    expect((await gemini("gemini-embedding-001", { requests: [request("x")] })).status).toBe(200);
  });
});
