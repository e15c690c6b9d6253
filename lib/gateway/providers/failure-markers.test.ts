import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ChatCompletionRequest } from "@/lib/gateway/chat-request";
import { classifyUpstreamError } from "@/lib/gateway/errors/classify-upstream-error";
import type { ErrorClass } from "@/lib/gateway/errors/error-class";
import { PROVIDER_ADAPTERS } from "./adapters";
import { OPENAI_FINISH_REASONS } from "./openai-finish-reason";
import type { ProviderKind } from "./registry";
import { fixture, fixtureJson, replay } from "./test-support";
import type { AdapterContext } from "./types";

/**
 * An answer is a success only when it carries no failure marker. For every adapter,
 * each recorded marker (a top-level or per-choice `error`, a failure finish reason,
 * Gemini's failure finishReasons, Anthropic's `error` event), in JSON and in streams,
 * is an error classified by the one classifier; and across every recorded answer the
 * client never sees a finish reason OpenAI does not send.
 */

const request: ChatCompletionRequest = { model: "m", messages: [{ role: "user", content: "Hi" }] };
const ctx = (stream: boolean): AdapterContext => ({
  baseUrl: "http://upstream.test",
  apiKey: "k",
  upstreamModel: "m",
  request,
  stream,
});

const MARKERS: { kind: ProviderKind; file: string; marker: string; errorClass: ErrorClass }[] = [
  {
    kind: "openai_compatible",
    file: "openrouter-mid-stream-error.chunks.txt",
    marker: "top-level error with finish_reason error, after content",
    errorClass: "server_error",
  },
  {
    kind: "openai_compatible",
    file: "openrouter-choice-error.json",
    marker: "per-choice error",
    errorClass: "overloaded",
  },
  {
    kind: "openai_compatible",
    file: "openrouter-error-200.json",
    marker: "top-level error in a 200 body",
    errorClass: "rate_limit",
  },
  {
    kind: "openai_compatible",
    file: "deepseek-insufficient-resource.chunks.txt",
    marker: "failure finish_reason",
    errorClass: "overloaded",
  },
  {
    kind: "anthropic",
    file: "anthropic-error.chunks.txt",
    marker: "error event after content",
    errorClass: "overloaded",
  },
  {
    kind: "anthropic",
    file: "anthropic-error-200.json",
    marker: "error body with a 200",
    errorClass: "overloaded",
  },
  {
    kind: "gemini",
    file: "gemini-error.chunks.txt",
    marker: "error event after content",
    errorClass: "overloaded",
  },
  {
    kind: "gemini",
    file: "gemini-malformed-function-call.chunks.txt",
    marker: "failure finishReason",
    errorClass: "server_error",
  },
  {
    kind: "gemini",
    file: "gemini-malformed-function-call.json",
    marker: "failure finishReason",
    errorClass: "server_error",
  },
];

function failureOf(kind: ProviderKind, file: string): unknown {
  if (file.endsWith(".json"))
    return PROVIDER_ADAPTERS[kind].parseResponse(fixtureJson(file), ctx(false)).error?.body;
  const r = replay(
    fixture(file),
    PROVIDER_ADAPTERS[kind].createStreamTranslator({ ...ctx(true), clientWantsUsage: true }),
  );
  expect(r.done, file).toBe(false);
  return r.error;
}

describe("failure markers inside a success", () => {
  it("covers every adapter, in JSON and in streams", () => {
    for (const kind of Object.keys(PROVIDER_ADAPTERS) as ProviderKind[]) {
      const files = MARKERS.filter((m) => m.kind === kind).map((m) => m.file);
      expect(
        files.some((f) => f.endsWith(".json")),
        kind,
      ).toBe(true);
      expect(
        files.some((f) => f.endsWith(".chunks.txt")),
        kind,
      ).toBe(true);
    }
  });

  it.each(MARKERS)("$file ($marker) is a $errorClass failure", ({ kind, file, errorClass }) => {
    const body = failureOf(kind, file);
    expect(body).toBeDefined();
    expect(
      classifyUpstreamError({ providerKind: kind, status: 200, body, inStream: true }).errorClass,
    ).toBe(errorClass);
  });
});

const FOLDERS: Record<ProviderKind, string> = {
  openai_compatible: "openai-compatible",
  anthropic: "anthropic",
  gemini: "gemini",
};

describe("finish reasons a client sees", () => {
  it.each(Object.keys(FOLDERS) as ProviderKind[])(
    "are OpenAI's values for every recorded %s answer",
    (kind) => {
      const files = readdirSync(path.join(import.meta.dirname, FOLDERS[kind], "__fixtures__"));
      expect(files.length).toBeGreaterThan(5);
      for (const file of files) {
        const seen: unknown[] = [];
        if (file.endsWith(".json")) {
          const parsed = PROVIDER_ADAPTERS[kind].parseResponse(fixtureJson(file), ctx(false));
          if (parsed.error) continue;
          for (const c of (parsed.completion.choices as { finish_reason: unknown }[] | undefined) ??
            [])
            seen.push(c.finish_reason);
        } else {
          const r = replay(
            fixture(file),
            PROVIDER_ADAPTERS[kind].createStreamTranslator({
              ...ctx(true),
              clientWantsUsage: true,
            }),
          );
          for (const chunk of r.chunks)
            for (const c of (chunk.choices as { finish_reason: unknown }[] | undefined) ?? [])
              seen.push(c.finish_reason);
        }
        for (const reason of seen.filter((r) => r !== null && r !== undefined))
          expect(OPENAI_FINISH_REASONS, file).toContain(reason);
      }
    },
  );
});
