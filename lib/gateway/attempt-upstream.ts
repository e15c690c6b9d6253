import type { EventSourceMessage } from "eventsource-parser";
import { classifyUpstreamError } from "@/lib/gateway/errors/classify-upstream-error";
import type { UpstreamFailure } from "@/lib/gateway/errors/error-class";
import type { Candidate } from "@/lib/gateway/router/rank-candidates";
import type {
  AdapterContext,
  CallTranslator,
  StreamTranslator,
  TokenUsage,
} from "@/lib/gateway/providers/types";
import type { UpstreamClient } from "@/lib/gateway/upstream/upstream-client";
import { parseJsonOrText, readBodyText, sseEventBatches } from "@/lib/gateway/upstream/sse-events";

/** Error bodies are small; anything longer is noise or an attack. */
const MAX_ERROR_BODY = 64 * 1024;
const MAX_JSON_BODY = 32 * 1024 * 1024;

export type AttemptResult =
  | { ok: true; kind: "json"; body: string; usage: TokenUsage | null; text: string }
  | {
      ok: true;
      kind: "stream";
      /** Client-bound `data:` payloads already pulled to prove the stream is alive. */
      head: string[];
      usage: TokenUsage | undefined;
      done: boolean;
      rest: AsyncGenerator<EventSourceMessage[]>;
      translator: StreamTranslator;
      /** Drops the upstream connection (client gone, or the relay failed). */
      cancel: () => void;
    }
  | { ok: false; failure: UpstreamFailure };

/**
 * One call to one candidate, with the translator of the work at hand (chat or
 * embeddings). A stream counts as started only once it has produced something for the
 * client; an error before that is a failure the caller may route around, because the
 * client has not seen a byte yet.
 * @throws Error when asked to stream with a translator that has no stream reader (a bug).
 */
export async function attemptUpstream<R>(
  upstream: UpstreamClient,
  adapter: CallTranslator<R>,
  candidate: Candidate,
  ctx: AdapterContext<R>,
  clientWantsUsage: boolean,
  signal: AbortSignal,
  headersTimeoutMs: number,
): Promise<AttemptResult> {
  const kind = candidate.provider.kind;
  if (ctx.stream && !adapter.createStreamTranslator)
    throw new Error(`no stream reader for ${kind}: this call is never streamed`);
  const call = adapter.buildCall(ctx);
  let res;
  try {
    res = await upstream.post(call.url, call.headers, call.body, signal, headersTimeoutMs);
  } catch (transportError) {
    return { ok: false, failure: classifyUpstreamError({ providerKind: kind, transportError }) };
  }
  const cancel = () => res.body.destroy();

  if (res.status < 200 || res.status >= 300) {
    let body: unknown;
    try {
      body = parseJsonOrText(await readBodyText(res.body, MAX_ERROR_BODY));
    } catch (transportError) {
      return { ok: false, failure: classifyUpstreamError({ providerKind: kind, transportError }) };
    }
    return {
      ok: false,
      failure: classifyUpstreamError({
        providerKind: kind,
        status: res.status,
        headers: res.headers,
        body,
      }),
    };
  }

  if (!ctx.stream) {
    let text: string;
    try {
      text = await readBodyText(res.body, adapter.maxAnswerBytes ?? MAX_JSON_BODY);
    } catch (transportError) {
      return { ok: false, failure: classifyUpstreamError({ providerKind: kind, transportError }) };
    }
    const json = parseJsonOrText(text);
    if (typeof json !== "object" || json === null) {
      return {
        ok: false,
        failure: {
          errorClass: "server_error",
          scope: "provider",
          httpStatus: res.status,
          message: "upstream sent a body that is not JSON",
        },
      };
    }
    const parsed = adapter.parseResponse(json, ctx);
    // A failure marker inside a 2xx body is a failure like any other, before the first byte.
    if (parsed.error) {
      return {
        ok: false,
        failure: classifyUpstreamError({
          providerKind: kind,
          status: res.status,
          headers: res.headers,
          body: parsed.error.body,
          inStream: true,
        }),
      };
    }
    // Unchanged OpenAI-shaped bodies go out as the upstream wrote them.
    const body = parsed.completion === json ? text : JSON.stringify(parsed.completion);
    return { ok: true, kind: "json", body, usage: parsed.usage, text: parsed.text };
  }

  const translator = adapter.createStreamTranslator!({ ...ctx, clientWantsUsage });
  const rest = sseEventBatches(res.body);
  const head: string[] = [];
  let usage: TokenUsage | undefined;
  try {
    while (head.length === 0) {
      const next = await rest.next();
      if (next.done) {
        cancel();
        return {
          ok: false,
          failure: {
            errorClass: "server_error",
            scope: "provider",
            httpStatus: res.status,
            message: "upstream stream ended before any data",
          },
        };
      }
      for (const event of next.value) {
        const step = translator.onEvent(event);
        if (step.error) {
          cancel();
          return {
            ok: false,
            failure: classifyUpstreamError({
              providerKind: kind,
              status: res.status,
              headers: res.headers,
              body: step.error.body,
              inStream: true,
            }),
          };
        }
        head.push(...step.out);
        if (step.usage) usage = step.usage;
        if (step.done)
          return { ok: true, kind: "stream", head, usage, done: true, rest, translator, cancel };
      }
    }
  } catch (transportError) {
    cancel();
    return { ok: false, failure: classifyUpstreamError({ providerKind: kind, transportError }) };
  }
  return { ok: true, kind: "stream", head, usage, done: false, rest, translator, cancel };
}
