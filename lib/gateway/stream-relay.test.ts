import type { EventSourceMessage } from "eventsource-parser";
import { describe, expect, it } from "vitest";
import { PROVIDER_ADAPTERS } from "@/lib/gateway/providers/adapters";
import { relayStream, type RelayOutcome } from "./stream-relay";

async function* batches(events: string[]): AsyncGenerator<EventSourceMessage[]> {
  for (const data of events) yield [{ data, event: undefined, id: undefined }];
}

async function relay(events: string[]) {
  const translator = PROVIDER_ADAPTERS.openai_compatible.createStreamTranslator({
    baseUrl: "",
    apiKey: "",
    upstreamModel: "m",
    request: { model: "m", messages: [] },
    stream: true,
    clientWantsUsage: false,
  });
  let outcome: RelayOutcome | undefined;
  const decoder = new TextDecoder();
  let wire = "";
  const head = [events[0]!];
  for await (const bytes of relayStream({
    head,
    usage: undefined,
    done: false,
    rest: batches(events.slice(1)),
    translator,
    providerKind: "openai_compatible",
    cancel: () => {},
    onEnd: (o) => (outcome = o),
  })) {
    wire += decoder.decode(bytes);
  }
  return { wire, outcome: outcome! };
}

const chunk = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: "c",
    object: "chat.completion.chunk",
    choices: [{ index: 0, delta, finish_reason: null }],
    ...extra,
  });

describe("relayStream endings", () => {
  it("ends with [DONE] only when the provider's end marker came", async () => {
    const { wire, outcome } = await relay([
      chunk({ role: "assistant" }),
      chunk({ content: "Hi" }),
      "[DONE]",
    ]);
    expect(wire.endsWith("data: [DONE]\n\n")).toBe(true);
    expect(outcome.failure).toBeUndefined();
  });

  it("ends a stream that closed without its end marker with the error event, no [DONE], a provider failure and the usage seen", async () => {
    const usage = { prompt_tokens: 7, completion_tokens: 2, total_tokens: 9 };
    const { wire, outcome } = await relay([
      chunk({ role: "assistant" }),
      chunk({ content: "The three laws" }, { usage }),
    ]);
    expect(wire).not.toContain("[DONE]");
    const last = wire.trim().split("\n\n").at(-1)!;
    expect(JSON.parse(last.slice("data: ".length))).toMatchObject({
      error: { code: "upstream_error", type: "api_error" },
    });
    expect(outcome.failure).toMatchObject({ errorClass: "server_error", scope: "provider" });
    expect(outcome.usage).toEqual({ promptTokens: 7, completionTokens: 2, cachedTokens: 0 });
    expect(outcome.aborted).toBe(false);
  });
});
