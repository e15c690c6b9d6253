import { describe, expect, it } from "vitest";
import type { ChatCompletionRequest } from "@/lib/gateway/chat-request";
import { PROVIDER_ADAPTERS } from "./adapters";
import { inputRulesFor } from "./input-rules";
import { normalizeUpstreamBody } from "./normalize-upstream-body";
import type { ProviderKind } from "./registry";
import { restoreToolCallId, rewriteToolCallId } from "./tool-call-ids";

function upstreamBody(
  kind: ProviderKind,
  providerId: string,
  req: Partial<ChatCompletionRequest>,
): Record<string, unknown> {
  const request: ChatCompletionRequest = {
    model: "m",
    messages: [{ role: "user", content: "Hi" }],
    ...req,
  };
  const call = PROVIDER_ADAPTERS[kind].buildCall({
    providerId,
    baseUrl: "http://upstream.test",
    apiKey: "k",
    upstreamModel: "m",
    request,
    stream: false,
  });
  return JSON.parse(call.body) as Record<string, unknown>;
}

const foreignToolRound: ChatCompletionRequest["messages"] = [
  { role: "user", content: "Look it up" },
  {
    role: "assistant",
    content: null,
    tool_calls: [
      {
        id: "functions.lookup:0",
        type: "function",
        function: { name: "lookup", arguments: '{"q":"x"}' },
      },
    ],
  },
  { role: "tool", tool_call_id: "functions.lookup:0", content: "found" },
];

describe("provider input rules, applied after translation", () => {
  it("rewrites a foreign tool-call id for Anthropic the same on the call and its result, and restores it in answers", () => {
    const body = upstreamBody("anthropic", "anthropic", { messages: foreignToolRound }) as {
      messages: { content: Record<string, unknown>[] }[];
    };
    const use = body.messages[1]!.content.find((b) => b.type === "tool_use")!;
    const result = body.messages[2]!.content.find((b) => b.type === "tool_result")!;
    expect(use.id).toMatch(/^[a-zA-Z0-9_-]+$/);
    expect(result.tool_use_id).toBe(use.id);
    expect(restoreToolCallId(use.id as string)).toBe("functions.lookup:0");
    const answer = PROVIDER_ADAPTERS.anthropic.parseResponse(
      {
        id: "msg_1",
        content: [{ type: "tool_use", id: use.id, name: "lookup", input: {} }],
        stop_reason: "tool_use",
      },
      {
        baseUrl: "",
        apiKey: "",
        upstreamModel: "m",
        request: { model: "m", messages: [] },
        stream: false,
      },
    );
    expect(
      (answer.completion.choices as { message: { tool_calls: { id: string }[] } }[])[0]!.message
        .tool_calls[0]!.id,
    ).toBe("functions.lookup:0");
  });

  it("leaves ids in the alphabet alone and never decodes one it did not encode", () => {
    expect(rewriteToolCallId("toolu_01A", /^[a-zA-Z0-9_-]+$/, "base64url")).toBe("toolu_01A");
    expect(rewriteToolCallId("gwid_x", /^[a-zA-Z0-9_-]+$/, "base64url")).not.toBe("gwid_x");
    expect(restoreToolCallId(rewriteToolCallId("gwid_x", /^[a-zA-Z0-9_-]+$/, "base64url"))).toBe(
      "gwid_x",
    );
    expect(rewriteToolCallId("call_abc123", /^[a-zA-Z0-9]{9}$/, "alnum9")).toMatch(
      /^[a-zA-Z0-9]{9}$/,
    );
  });

  it("sends a developer message to DeepSeek as system, and to OpenAI unchanged", () => {
    const messages: ChatCompletionRequest["messages"] = [
      { role: "developer", content: "Be brief." },
      { role: "user", content: "Hi" },
    ];
    expect(
      (
        upstreamBody("openai_compatible", "deepseek", { messages }).messages as { role: string }[]
      ).map((m) => m.role),
    ).toEqual(["system", "user"]);
    expect(
      (
        upstreamBody("openai_compatible", "openai", { messages }).messages as { role: string }[]
      ).map((m) => m.role),
    ).toEqual(["developer", "user"]);
  });

  it("gives Gemini enum on strings only, in tools and in response_format alike", () => {
    const parameters = {
      type: "object",
      properties: { n: { type: "integer", enum: [1, 2, 3] }, c: { type: "string", enum: ["a"] } },
    };
    const body = upstreamBody("gemini", "gemini", {
      tools: [{ type: "function", function: { name: "pick", parameters } }],
      response_format: { type: "json_schema", json_schema: { name: "out", schema: parameters } },
    }) as {
      tools: {
        functionDeclarations: {
          parameters: { properties: Record<string, Record<string, unknown>> };
        }[];
      }[];
      generationConfig: { responseSchema: { properties: Record<string, Record<string, unknown>> } };
    };
    for (const props of [
      body.tools[0]!.functionDeclarations[0]!.parameters.properties,
      body.generationConfig.responseSchema.properties,
    ]) {
      expect(props.n).toEqual({ type: "integer", description: "Allowed values: 1, 2, 3." });
      expect(props.c).toEqual({ type: "string", enum: ["a"] });
    }
  });

  it("gives Gemini and Anthropic a user turn when the conversation is system text alone", () => {
    const messages: ChatCompletionRequest["messages"] = [{ role: "system", content: "Say hello." }];
    expect(upstreamBody("gemini", "gemini", { messages })).toMatchObject({
      contents: [{ role: "user", parts: [{ text: "Say hello." }] }],
    });
    const anthropic = upstreamBody("anthropic", "anthropic", { messages });
    expect(anthropic).toMatchObject({
      messages: [{ role: "user", content: [{ type: "text", text: "Say hello." }] }],
    });
    expect(anthropic).not.toHaveProperty("system");
  });

  it("drops whitespace-only text for Anthropic and trims a final assistant turn", () => {
    const body = normalizeUpstreamBody("anthropic", inputRulesFor("anthropic", "anthropic"), {
      messages: [
        { role: "user", content: [{ type: "text", text: "Hi" }] },
        { role: "assistant", content: [{ type: "text", text: "  " }] },
        { role: "user", content: [{ type: "text", text: "Again" }] },
        { role: "assistant", content: [{ type: "text", text: "Sure " }] },
      ],
    });
    expect(body.messages).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "Hi" },
          { type: "text", text: "Again" },
        ],
      },
      { role: "assistant", content: [{ type: "text", text: "Sure" }] },
    ]);
  });

  it("leaves out fields a provider refuses", () => {
    expect(
      upstreamBody("openai_compatible", "groq", { logit_bias: { "1": 1 }, logprobs: true }),
    ).not.toHaveProperty("logit_bias");
    expect(upstreamBody("openai_compatible", "openai", { logit_bias: { "1": 1 } })).toHaveProperty(
      "logit_bias",
    );
  });

  it("sends the output cap under the name each provider documents, the caller's own choice winning", () => {
    expect(upstreamBody("openai_compatible", "openai", { max_tokens: 5 })).toMatchObject({
      max_completion_tokens: 5,
    });
    expect(upstreamBody("openai_compatible", "openai", { max_tokens: 5 })).not.toHaveProperty(
      "max_tokens",
    );
    expect(
      upstreamBody("openai_compatible", "openai", { max_tokens: 5, max_completion_tokens: 7 }),
    ).toMatchObject({ max_completion_tokens: 7 });
    expect(
      upstreamBody("openai_compatible", "deepseek", { max_completion_tokens: 9 }),
    ).toMatchObject({ max_tokens: 9 });
    expect(
      upstreamBody("openai_compatible", "deepseek", { max_completion_tokens: 9 }),
    ).not.toHaveProperty("max_completion_tokens");
    expect(upstreamBody("openai_compatible", "openrouter", { max_tokens: 3 })).toMatchObject({
      max_tokens: 3,
    });
  });
});
