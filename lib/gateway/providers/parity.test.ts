import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ChatCompletionRequest } from "@/lib/gateway/chat-request";
import { classifyUpstreamError } from "@/lib/gateway/errors/classify-upstream-error";
import { PROVIDER_ADAPTERS } from "./adapters";
import type { ProviderKind } from "./registry";
import { fixture, fixtureJson, replay } from "./test-support";
import type { AdapterContext, TokenUsage } from "./types";

/**
 * A streamed answer equals the same answer not streamed. Every recorded pair of
 * twins (`<name>.chunks.txt` and `<name>.json` in one adapter's __fixtures__) is
 * translated both ways and compared: content, tool calls (ids, names, parsed
 * arguments), finish reason and usage; a failure twin must fail the same way both
 * ways. Each adapter must have a twin for every case.
 */

const FOLDERS: Record<ProviderKind, string> = {
  openai_compatible: "openai-compatible",
  anthropic: "anthropic",
  gemini: "gemini",
};
const PREFIX: Record<ProviderKind, string> = {
  openai_compatible: "openai",
  anthropic: "anthropic",
  gemini: "gemini",
};
const REQUIRED_CASES = [
  "text",
  "tool-args",
  "tool-no-args",
  "parallel-tools",
  "length",
  "content-filter",
  "cached-usage",
];

interface Answer {
  content: string;
  toolCalls: { id: string; name: string; args: unknown }[];
  finishReason: unknown;
  usage: TokenUsage | null | undefined;
}

const request: ChatCompletionRequest = { model: "m", messages: [{ role: "user", content: "Hi" }] };
const ctx = (stream: boolean): AdapterContext => ({
  baseUrl: "http://upstream.test",
  apiKey: "k",
  upstreamModel: "m",
  request,
  stream,
});

function twins(kind: ProviderKind): string[] {
  const dir = path.join(import.meta.dirname, FOLDERS[kind], "__fixtures__");
  const files = new Set(readdirSync(dir));
  return [...files]
    .filter((f) => f.endsWith(".chunks.txt") && files.has(f.replace(/\.chunks\.txt$/, ".json")))
    .map((f) => f.replace(/\.chunks\.txt$/, ""))
    .sort();
}

function fromJson(kind: ProviderKind, name: string): Answer {
  const parsed = PROVIDER_ADAPTERS[kind].parseResponse(fixtureJson(`${name}.json`), ctx(false));
  expect(parsed.error, `${name}.json is a success`).toBeUndefined();
  const choice = (
    parsed.completion.choices as {
      message: {
        content?: string | null;
        tool_calls?: { id: string; function: { name: string; arguments: string } }[];
      };
      finish_reason: unknown;
    }[]
  )[0]!;
  return {
    content: choice.message.content ?? "",
    toolCalls: (choice.message.tool_calls ?? []).map((c) => ({
      id: c.id,
      name: c.function.name,
      args: JSON.parse(c.function.arguments) as unknown,
    })),
    finishReason: choice.finish_reason,
    usage: parsed.usage,
  };
}

function fromStream(kind: ProviderKind, name: string): Answer {
  const r = replay(
    fixture(`${name}.chunks.txt`),
    PROVIDER_ADAPTERS[kind].createStreamTranslator({ ...ctx(true), clientWantsUsage: false }),
  );
  expect(r.error, `${name}.chunks.txt is a success`).toBeUndefined();
  expect(r.done, `${name}.chunks.txt reached its end marker`).toBe(true);
  let content = "";
  let finishReason: unknown = null;
  const calls: { id: string; name: string; args: string }[] = [];
  for (const chunk of r.chunks) {
    for (const choice of chunk.choices as {
      delta: {
        content?: string | null;
        tool_calls?: {
          index: number;
          id?: string;
          function?: { name?: string; arguments?: string };
        }[];
      };
      finish_reason: unknown;
    }[]) {
      if (typeof choice.delta.content === "string") content += choice.delta.content;
      for (const d of choice.delta.tool_calls ?? []) {
        const call = (calls[d.index] ??= { id: "", name: "", args: "" });
        if (d.id) call.id = d.id;
        if (d.function?.name) call.name += d.function.name;
        if (d.function?.arguments) call.args += d.function.arguments;
      }
      if (choice.finish_reason !== null && choice.finish_reason !== undefined)
        finishReason = choice.finish_reason;
    }
  }
  // Arguments a client cannot JSON.parse fail here, as they would in the client.
  const toolCalls = calls.map((c) => ({
    id: c.id,
    name: c.name,
    args: JSON.parse(c.args) as unknown,
  }));
  return { content, toolCalls, finishReason, usage: r.usage };
}

describe.each(Object.keys(FOLDERS) as ProviderKind[])("stream/JSON parity: %s", (kind) => {
  it("has a twin for every case", () => {
    const names = twins(kind);
    for (const c of REQUIRED_CASES) expect(names, c).toContain(`${PREFIX[kind]}-${c}`);
  });

  it.each(twins(kind))("%s: streamed and whole answers agree", (name) => {
    const json = PROVIDER_ADAPTERS[kind].parseResponse(fixtureJson(`${name}.json`), ctx(false));
    if (json.error) {
      // A failure twin: both ways it is the same failure, never an answer.
      const r = replay(
        fixture(`${name}.chunks.txt`),
        PROVIDER_ADAPTERS[kind].createStreamTranslator({ ...ctx(true), clientWantsUsage: false }),
      );
      expect(r.error, `${name}.chunks.txt fails too`).toBeDefined();
      expect(
        classifyUpstreamError({ providerKind: kind, status: 200, body: r.error, inStream: true }),
      ).toEqual(
        classifyUpstreamError({
          providerKind: kind,
          status: 200,
          body: json.error.body,
          inStream: true,
        }),
      );
      return;
    }
    const whole = fromJson(kind, name);
    const streamed = fromStream(kind, name);
    expect(streamed).toEqual(whole);
  });
});
