import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulatedReply, simulatedUsage, startSimulator, type Simulator } from "./index";
import { collectSse, payloads, post, type Payload } from "./test-support";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

async function* toIterable(text: string): AsyncGenerator<string> {
  yield text;
}

const key = { "x-goog-api-key": "AIza-test-gemini" };
const model = "gemini-2.0-flash";
const url = (verb: string, query = "") =>
  `${sim.baseUrlFor("gemini")}/v1beta/models/${model}:${verb}${query}`;
const request1 = {
  systemInstruction: { parts: [{ text: "Be brief." }] },
  contents: [{ role: "user", parts: [{ text: "Hello Gemini" }] }],
};

describe("Gemini generateContent", () => {
  it("answers with candidates, usageMetadata, modelVersion and responseId", async () => {
    const res = await post(url("generateContent"), request1, key);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Payload;
    const reply = simulatedReply("gemini", model, "Hello Gemini");
    const usage = simulatedUsage("Be brief.Hello Gemini", reply);
    expect(body).toMatchObject({
      candidates: [
        { content: { role: "model", parts: [{ text: reply }] }, finishReason: "STOP", index: 0 },
      ],
      usageMetadata: {
        promptTokenCount: usage.promptTokens,
        candidatesTokenCount: usage.completionTokens,
        totalTokenCount: usage.totalTokens,
      },
      modelVersion: model,
    });
    expect(body.candidates[0].safetyRatings.length).toBeGreaterThan(0);
    expect(typeof body.responseId).toBe("string");
    expect(body.usageMetadata.cachedContentTokenCount).toBeUndefined();
  });

  it("accepts the key as ?key= and snake_case fields, and reports cached tokens on long prompts", async () => {
    const res = await post(url("generateContent", "?key=AIza-query"), {
      system_instruction: { parts: [{ text: "y".repeat(4096) }] },
      contents: [{ parts: [{ text: "hi" }] }],
      generation_config: { max_output_tokens: 2 },
    });
    const body = (await res.json()) as Payload;
    expect(body.candidates[0]).toMatchObject({
      finishReason: "MAX_TOKENS",
      content: { parts: [{ text: "Simulated reply" }] },
    });
    expect(body.usageMetadata).toMatchObject({
      promptTokenCount: 1025,
      cachedContentTokenCount: 512,
      candidatesTokenCount: 2,
    });
    expect(sim.control.stats().calls["AIza-query"]).toBe(1);
  });

  it("streams SSE chunks with CRLF framing, usage complete only on the final chunk, and no [DONE]", async () => {
    const res = await post(url("streamGenerateContent", "?alt=sse"), request1, key);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toContain("text/event-stream");
    const raw = await res.text();
    expect(raw).toContain("\r\n\r\n");
    expect(raw).not.toContain("[DONE]");
    const chunks = payloads(await collectSse(toIterable(raw))) as Payload[];
    expect(chunks.length).toBeGreaterThan(1);
    const text = chunks.map((c) => c.candidates[0].content.parts[0].text).join("");
    expect(text).toBe(simulatedReply("gemini", model, "Hello Gemini"));
    const usage = simulatedUsage("Be brief.Hello Gemini", text);
    expect(
      chunks
        .slice(0, -1)
        .every(
          (c) =>
            c.usageMetadata.candidatesTokenCount === undefined && !c.candidates[0].finishReason,
        ),
    ).toBe(true);
    expect(chunks.at(-1)).toMatchObject({
      candidates: [{ finishReason: "STOP" }],
      usageMetadata: {
        promptTokenCount: usage.promptTokens,
        candidatesTokenCount: usage.completionTokens,
        totalTokenCount: usage.totalTokens,
      },
    });
  });

  it("streams a JSON array without alt=sse", async () => {
    const res = await post(url("streamGenerateContent"), request1, key);
    const chunks = JSON.parse(await res.text()) as Payload[];
    expect(chunks.at(-1)!.candidates[0].finishReason).toBe("STOP");
  });

  it("answers a weather question with a functionCall part", async () => {
    const tools = [
      {
        functionDeclarations: [
          {
            name: "get_weather",
            parameters: { type: "OBJECT", properties: { city: { type: "STRING" } } },
          },
        ],
      },
    ];
    const body = { tools, contents: [{ role: "user", parts: [{ text: "weather in Lima?" }] }] };
    const plain = (await (await post(url("generateContent"), body, key)).json()) as Payload;
    expect(plain.candidates[0]).toMatchObject({
      finishReason: "STOP",
      content: { parts: [{ functionCall: { name: "get_weather", args: { city: "simulated" } } }] },
    });

    const streamed = payloads(
      await collectSse((await post(url("streamGenerateContent", "?alt=sse"), body, key)).body),
    ) as Payload[];
    expect(streamed.flatMap((c) => c.candidates[0].content.parts)).toEqual([
      { functionCall: { name: "get_weather", args: { city: "simulated" } } },
    ]);

    const afterResult = {
      tools,
      contents: [
        ...body.contents,
        { role: "model", parts: [{ functionCall: { name: "get_weather", args: {} } }] },
        {
          role: "user",
          parts: [{ functionResponse: { name: "get_weather", response: { temp: 20 } } }],
        },
      ],
    };
    const text = (await (await post(url("generateContent"), afterResult, key)).json()) as Payload;
    expect(text.candidates[0].content.parts[0].text).toContain("Tool results received");

    const forced = {
      tools,
      toolConfig: { functionCallingConfig: { mode: "ANY" } },
      contents: [{ parts: [{ text: "hi" }] }],
    };
    const forcedBody = (await (await post(url("generateContent"), forced, key)).json()) as Payload;
    expect(forcedBody.candidates[0].content.parts[0].functionCall.name).toBe("get_weather");
  });

  it("returns JSON text for responseMimeType application/json, following the schema", async () => {
    const body = {
      contents: [{ parts: [{ text: "give me json" }] }],
      generationConfig: {
        responseMimeType: "application/json",
        responseSchema: {
          type: "OBJECT",
          properties: { answer: { type: "STRING" }, score: { type: "NUMBER" } },
        },
      },
    };
    const res = (await (await post(url("generateContent"), body, key)).json()) as Payload;
    expect(JSON.parse(res.candidates[0].content.parts[0].text)).toEqual({
      answer: "simulated",
      score: 1,
    });
  });

  it("refuses bad requests with Google's error shapes", async () => {
    const malformed = await post(url("generateContent"), "{oops", key);
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({
      error: {
        code: 400,
        status: "INVALID_ARGUMENT",
        message: expect.stringContaining("Invalid JSON payload"),
      },
    });

    const noContents = await post(url("generateContent"), { generationConfig: {} }, key);
    expect(noContents.status).toBe(400);
    expect(await noContents.json()).toMatchObject({
      error: {
        code: 400,
        status: "INVALID_ARGUMENT",
        message: expect.stringContaining("contents is not specified"),
      },
    });

    const noKey = await post(url("generateContent"), request1);
    expect(noKey.status).toBe(403);
    expect(await noKey.json()).toMatchObject({ error: { code: 403, status: "PERMISSION_DENIED" } });
  });

  it("lists models in Gemini's shape", async () => {
    const res = await request(`${sim.baseUrlFor("gemini")}/v1beta/models`, { headers: key });
    expect(res.statusCode).toBe(200);
    const list = (await res.body.json()) as { models: unknown[] };
    expect(list.models[0]).toMatchObject({
      name: "models/gemini-2.0-flash",
      supportedGenerationMethods: ["generateContent", "countTokens"],
    });
  });
});
