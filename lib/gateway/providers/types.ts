import type { TokenUsage } from "@/lib/billing/token-usage";
import type { ChatCompletionRequest } from "@/lib/gateway/chat-request";

// The providers' readers and the meter keep importing it from here.
export type { TokenUsage };

export interface UpstreamCall {
  /** Absolute URL of the upstream endpoint. */
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface AdapterContext {
  /** The provider's id (`deepseek`, `mistral`...), which selects its input rules. */
  providerId?: string;
  baseUrl: string;
  apiKey: string;
  upstreamModel: string;
  request: ChatCompletionRequest;
  stream: boolean;
}

/** What a provider's stream parser makes of one upstream SSE event. */
export interface StreamStep {
  /** OpenAI `data:` payloads to send on to the client, already serialised. */
  out: string[];
  usage?: TokenUsage;
  /** A failure marker the upstream sent inside a 200 stream, as a body for the classifier. */
  error?: { body: unknown };
  /** The provider's end marker was seen: only then is the stream complete. */
  done?: boolean;
}

export interface StreamTranslator {
  onEvent(event: { event?: string; data: string }): StreamStep;
  /** Completion text of the whole stream; only asked for when no usage arrived, so it may be slow. */
  completionText(): string;
}

export interface ProviderAdapter {
  buildCall(ctx: AdapterContext): UpstreamCall;
  /**
   * Turns a 2xx JSON body into an OpenAI chat.completion plus its usage (null when
   * absent). `error` is set when the body carries a failure marker (an `error` field,
   * a failure finish reason): the answer is then a failure, classified like any other.
   */
  parseResponse(
    json: unknown,
    ctx: AdapterContext,
  ): {
    completion: Record<string, unknown>;
    usage: TokenUsage | null;
    text: string;
    error?: { body: unknown };
  };
  createStreamTranslator(ctx: AdapterContext & { clientWantsUsage: boolean }): StreamTranslator;
}
