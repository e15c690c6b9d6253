import type { TokenUsage } from "@/lib/billing/token-usage";
import type { ChatCompletionRequest } from "@/lib/gateway/chat-request";
import type { EmbeddingsRequest } from "@/lib/gateway/embeddings-request";

// The providers' readers and the meter keep importing it from here.
export type { TokenUsage };

export interface UpstreamCall {
  /** Absolute URL of the upstream endpoint. */
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** One attempt's call: where it goes, with what key, and the request it carries (chat by default). */
export interface AdapterContext<R = ChatCompletionRequest> {
  /** The provider's id (`deepseek`, `mistral`...), which selects its input rules. */
  providerId?: string;
  baseUrl: string;
  apiKey: string;
  upstreamModel: string;
  request: R;
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

/** A 2xx JSON answer read by a translator. */
export interface ParsedAnswer {
  /** The answer in OpenAI's shape (the same object as the upstream's when nothing changed). */
  completion: Record<string, unknown>;
  /** Usage the upstream reported; null when absent (the meter then counts). */
  usage: TokenUsage | null;
  /** The answer's text, counted when no usage came; empty for answers without text. */
  text: string;
  /** Set when the body carries a failure marker: the answer is then a failure, classified like any other. */
  error?: { body: unknown };
}

/** One provider's translation of one kind of call: the request out, the JSON answer back. */
export interface CallTranslator<R> {
  buildCall(ctx: AdapterContext<R>): UpstreamCall;
  parseResponse(json: unknown, ctx: AdapterContext<R>): ParsedAnswer;
  /** Absent for calls that are never streamed (embeddings). */
  createStreamTranslator?(ctx: AdapterContext<R> & { clientWantsUsage: boolean }): StreamTranslator;
  /** Largest 2xx JSON answer read, bytes; absent: the gateway's default (32 MiB). */
  maxAnswerBytes?: number;
}

/** A provider's chat translator: an OpenAI chat completion out, answers and streams back. */
export interface ProviderAdapter extends CallTranslator<ChatCompletionRequest> {
  createStreamTranslator(ctx: AdapterContext & { clientWantsUsage: boolean }): StreamTranslator;
}

/** A provider's embeddings translator: an OpenAI embeddings request out, an OpenAI `list` of embeddings back. */
export type EmbeddingAdapter = Omit<CallTranslator<EmbeddingsRequest>, "createStreamTranslator">;
