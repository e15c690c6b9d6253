import type { EventSourceMessage } from "eventsource-parser";
import type { UpstreamFailure } from "@/lib/gateway/errors/error-class";
import { classifyUpstreamError } from "@/lib/gateway/errors/classify-upstream-error";
import type { ProviderKind } from "@/lib/gateway/providers/registry";
import type { StreamTranslator, TokenUsage } from "@/lib/gateway/providers/types";

const encoder = new TextEncoder();

export function sseFrame(payloads: readonly string[]): Uint8Array {
  let text = "";
  for (const p of payloads) text += `data: ${p}\n\n`;
  return encoder.encode(text);
}

/**
 * Writes the relayed stream in the caller's API: OpenAI's `data:` lines by default, or
 * another API's events for an inbound translator (see lib/gateway/inbound/). It is fed
 * the OpenAI chunk payloads the providers' stream parsers produce.
 */
export interface SseEncoder {
  frame(payloads: readonly string[]): Uint8Array;
  /** The end marker of a complete stream. */
  done(): Uint8Array;
  /** The error event that ends a stream which failed after its first byte. */
  fail(failure: UpstreamFailure): Uint8Array;
}

const DONE = encoder.encode("data: [DONE]\n\n");

/** OpenAI's Chat Completions stream: the payloads as they are, then `[DONE]`. */
export const OPENAI_SSE: SseEncoder = {
  frame: sseFrame,
  done: () => DONE,
  fail: (failure) => sseFrame([JSON.stringify(streamErrorBody(failure))]),
};

export interface RelayOutcome {
  usage: TokenUsage | undefined;
  failure: UpstreamFailure | undefined;
  /** The client went away before the end. */
  aborted: boolean;
  firstByteAt: number | undefined;
}

export interface RelayOptions {
  head: string[];
  usage: TokenUsage | undefined;
  done: boolean;
  rest: AsyncGenerator<EventSourceMessage[]>;
  translator: StreamTranslator;
  providerKind: ProviderKind;
  /** Drops the upstream connection. */
  cancel: () => void;
  /** Fires when the client goes away (or the server cuts its socket). */
  signal?: AbortSignal;
  /** Scrubs provider-written text from a failure before it is relayed or logged. */
  redact?: (failure: UpstreamFailure) => UpstreamFailure;
  /** How the client's stream is written; OpenAI's by default. */
  encoder?: SseEncoder;
  /** Runs exactly once, however the stream ends, even if it is never read. */
  onEnd: (outcome: RelayOutcome) => void;
}

/**
 * Relays an upstream stream chunk by chunk. Once the client has bytes there is no
 * failing over: an upstream error ends the stream with an OpenAI-style error event,
 * never with invented content. `onEnd` runs exactly once, however the stream ends:
 * at its end, on `return()` (even before the first read, when a generator's own
 * `finally` would not run), or as soon as the client goes away, with the usage seen
 * so far.
 */
export function relayStream(opts: RelayOptions): AsyncIterableIterator<Uint8Array> {
  const outcome: RelayOutcome = {
    usage: opts.usage,
    failure: undefined,
    aborted: true,
    firstByteAt: undefined,
  };
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    opts.signal?.removeEventListener("abort", end);
    opts.cancel();
    opts.onEnd(outcome);
  };
  if (opts.signal?.aborted) end();
  else opts.signal?.addEventListener("abort", end, { once: true });
  const gen = relayChunks(opts, outcome, end);
  return {
    next: () => gen.next(),
    async return(value?: unknown) {
      await gen.return(value);
      end();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

async function* relayChunks(
  opts: RelayOptions,
  outcome: RelayOutcome,
  end: () => void,
): AsyncGenerator<Uint8Array> {
  const out = opts.encoder ?? OPENAI_SSE;
  try {
    outcome.firstByteAt = Date.now();
    yield out.frame(opts.head);
    let done = opts.done;
    while (!done) {
      let next: IteratorResult<EventSourceMessage[]>;
      try {
        next = await opts.rest.next();
      } catch (transportError) {
        // The read failed because we dropped the upstream for a client that left: not the provider's fault.
        if (opts.signal?.aborted) return;
        outcome.failure = redact(
          opts,
          classifyUpstreamError({ providerKind: opts.providerKind, transportError }),
        );
        break;
      }
      if (next.done) break;
      const payloads: string[] = [];
      for (const event of next.value) {
        const step = opts.translator.onEvent(event);
        if (step.usage) outcome.usage = step.usage;
        if (step.error) {
          outcome.failure = redact(
            opts,
            classifyUpstreamError({
              providerKind: opts.providerKind,
              status: 200,
              body: step.error.body,
              inStream: true,
            }),
          );
          break;
        }
        payloads.push(...step.out);
        if (step.done) done = true;
      }
      if (payloads.length > 0) yield out.frame(payloads);
      if (outcome.failure) break;
    }
    // A stream is complete only when the translator saw the provider's end marker
    // ([DONE], message_stop, a finishReason). A clean close without it is a cut stream:
    // it ends with the error event and no [DONE], so truncated text never looks whole.
    if (!outcome.failure && !done)
      outcome.failure = {
        errorClass: "server_error",
        scope: "provider",
        message: "upstream stream ended without its end marker",
      };
    yield outcome.failure ? out.fail(outcome.failure) : out.done();
    outcome.aborted = false;
  } finally {
    // Reached on normal end, on error, and when the client disconnects (return()).
    end();
  }
}

function redact(opts: RelayOptions, failure: UpstreamFailure): UpstreamFailure {
  return opts.redact ? opts.redact(failure) : failure;
}

export function streamErrorBody(failure: UpstreamFailure) {
  return {
    error: {
      message: `The upstream provider failed mid-stream (${failure.errorClass}${failure.message ? `: ${failure.message}` : ""}).`,
      type: "api_error",
      param: null,
      code: "upstream_error",
    },
  };
}
