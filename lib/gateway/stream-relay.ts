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

export interface RelayOutcome {
  usage: TokenUsage | undefined;
  failure: UpstreamFailure | undefined;
  /** The client went away before the end. */
  aborted: boolean;
  firstByteAt: number | undefined;
}

/**
 * Relays an upstream stream chunk by chunk. Once the client has bytes there is no
 * failing over: an upstream error ends the stream with an OpenAI-style error event,
 * never with invented content. `onEnd` runs exactly once, however the stream ends.
 */
export async function* relayStream(opts: {
  head: string[];
  usage: TokenUsage | undefined;
  done: boolean;
  rest: AsyncGenerator<EventSourceMessage[]>;
  translator: StreamTranslator;
  providerKind: ProviderKind;
  cancel: () => void;
  onEnd: (outcome: RelayOutcome) => void;
}): AsyncGenerator<Uint8Array> {
  const outcome: RelayOutcome = { usage: opts.usage, failure: undefined, aborted: true, firstByteAt: undefined };
  try {
    outcome.firstByteAt = Date.now();
    yield sseFrame(opts.head);
    let done = opts.done;
    while (!done) {
      let next: IteratorResult<EventSourceMessage[]>;
      try {
        next = await opts.rest.next();
      } catch (transportError) {
        outcome.failure = classifyUpstreamError({ providerKind: opts.providerKind, transportError });
        break;
      }
      if (next.done) break;
      const out: string[] = [];
      for (const event of next.value) {
        const step = opts.translator.onEvent(event);
        if (step.usage) outcome.usage = step.usage;
        if (step.error) {
          outcome.failure = classifyUpstreamError({ providerKind: opts.providerKind, status: 200, body: step.error.body, inStream: true });
          break;
        }
        out.push(...step.out);
        if (step.done) done = true;
      }
      if (out.length > 0) yield sseFrame(out);
      if (outcome.failure) break;
    }
    // A stream is complete only when the translator saw the provider's end marker
    // ([DONE], message_stop, a finishReason). A clean close without it is a cut stream:
    // it ends with the error event and no [DONE], so truncated text never looks whole.
    if (!outcome.failure && !done) outcome.failure = { errorClass: "server_error", scope: "provider", message: "upstream stream ended without its end marker" };
    if (outcome.failure) yield sseFrame([JSON.stringify(streamErrorBody(outcome.failure))]);
    else yield encoder.encode("data: [DONE]\n\n");
    outcome.aborted = false;
  } finally {
    // Reached on normal end, on error, and when the client disconnects (return()).
    opts.cancel();
    opts.onEnd(outcome);
  }
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
