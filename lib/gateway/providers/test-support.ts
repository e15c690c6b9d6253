import { readFileSync } from "node:fs";
import path from "node:path";
import { createParser } from "eventsource-parser";
import type { StreamStep, StreamTranslator, TokenUsage } from "@/lib/gateway/providers/types";
import { sseEventBatches } from "@/lib/gateway/upstream/sse-events";

/**
 * Test support shared by the adapters: replays recorded upstream SSE through a translator the way the core
 * does (eventsource-parser, one onEvent per event, stopping at `done` or `error`), from
 * a fixture or from a live response body.
 */

/** The adapter folder of each fixture prefix; OpenAI-compatible providers share one. */
const FOLDER_BY_PREFIX: Record<string, string> = {
  anthropic: "anthropic",
  gemini: "gemini",
  openai: "openai-compatible",
  deepseek: "openai-compatible",
  openrouter: "openai-compatible",
  groq: "openai-compatible",
  mistral: "openai-compatible",
  together: "openai-compatible",
  xai: "openai-compatible",
};

/** Fixtures live in each adapter's folder: `fixture("gemini-text.chunks.txt")` reads `gemini/__fixtures__/...`. */
export function fixture(name: string): string {
  const folder = FOLDER_BY_PREFIX[name.split("-")[0]!];
  if (!folder) throw new Error(`fixture ${name}: unknown provider prefix`);
  return readFileSync(path.join(import.meta.dirname, folder, "__fixtures__", name), "utf8");
}

export function fixtureJson(name: string): unknown {
  return JSON.parse(fixture(name));
}

export interface Replay {
  steps: StreamStep[];
  /** Every client-bound payload, parsed. */
  chunks: Record<string, unknown>[];
  usage: TokenUsage | undefined;
  error: unknown;
  done: boolean;
}

export function replay(sse: string, translator: StreamTranslator): Replay {
  const events: { event?: string; data: string }[] = [];
  const parser = createParser({ onEvent: (e) => events.push({ event: e.event, data: e.data }) });
  parser.feed(sse);
  parser.feed("\n\n");
  const result: Replay = { steps: [], chunks: [], usage: undefined, error: undefined, done: false };
  for (const event of events) {
    const step = translator.onEvent(event);
    result.steps.push(step);
    if (step.usage) result.usage = step.usage;
    if (step.error) {
      result.error = step.error.body;
      break;
    }
    for (const out of step.out) result.chunks.push(JSON.parse(out) as Record<string, unknown>);
    if (step.done) {
      result.done = true;
      break;
    }
  }
  return result;
}

/** Concatenated `delta.content` of the chunks. */
export function contentOf(chunks: Record<string, unknown>[]): string {
  let text = "";
  for (const c of chunks) {
    const choices = c.choices as { delta?: { content?: unknown } }[];
    const content = choices[0]?.delta?.content;
    if (typeof content === "string") text += content;
  }
  return text;
}

export function finishReasonsOf(chunks: Record<string, unknown>[]): unknown[] {
  return chunks
    .flatMap((c) => (c.choices as { finish_reason?: unknown }[]).map((ch) => ch.finish_reason))
    .filter((r) => r !== null);
}

/** A live upstream body through the core's own SSE reader and the translator. */
export async function relayBody(
  body: AsyncIterable<Uint8Array>,
  translator: StreamTranslator,
): Promise<Replay> {
  const result: Replay = { steps: [], chunks: [], usage: undefined, error: undefined, done: false };
  for await (const batch of sseEventBatches(body)) {
    for (const event of batch) {
      const step = translator.onEvent(event);
      result.steps.push(step);
      if (step.usage) result.usage = step.usage;
      if (step.error) {
        result.error = step.error.body;
        return result;
      }
      for (const out of step.out) result.chunks.push(JSON.parse(out) as Record<string, unknown>);
      if (step.done) result.done = true;
    }
    if (result.done) return result;
  }
  return result;
}
