import { describe, expect, it } from "vitest";
import { MESSAGES_API } from "@/lib/gateway/inbound/messages/messages-api";
import { anthropicAdapter } from "./adapter";

describe("a Messages request routed to Anthropic", () => {
  it("goes out as the caller wrote it: cache_control, thinking and beta headers kept", () => {
    const caller = {
      model: "anthropic/claude-3-5-sonnet-latest",
      max_tokens: 256,
      thinking: { type: "enabled", budget_tokens: 1024 },
      system: [{ type: "text", text: "Be brief.", cache_control: { type: "ephemeral" } }],
      tools: [{ name: "get_weather", input_schema: { type: "object", properties: {} } }],
      messages: [{ role: "user", content: "What is the weather in Paris?" }],
    };
    const headers: Record<string, string> = { "anthropic-beta": "prompt-caching-2024-07-31" };
    const { request } = MESSAGES_API.read({
      method: "POST",
      path: "/v1/messages",
      header: (name) => headers[name],
      body: Buffer.from(JSON.stringify(caller)),
      signal: new AbortController().signal,
    });
    const call = anthropicAdapter.buildCall({
      baseUrl: "https://api.anthropic.com",
      apiKey: "sk-ant",
      upstreamModel: "claude-3-5-sonnet-latest",
      request,
      stream: true,
      providerId: "anthropic",
    });
    expect(call.headers["anthropic-beta"]).toBe("prompt-caching-2024-07-31");
    expect(JSON.parse(call.body)).toEqual({
      ...caller,
      model: "claude-3-5-sonnet-latest",
      stream: true,
      messages: [
        { role: "user", content: [{ type: "text", text: "What is the weather in Paris?" }] },
      ],
    });
    // Translated for anyone else, none of it is left.
    expect(JSON.stringify(request)).not.toMatch(/cache_control|thinking/);
  });
});
