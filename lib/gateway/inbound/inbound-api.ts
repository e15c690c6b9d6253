import type { GatewayRequest } from "@/lib/gateway/http-types";
import type { EmbeddingsRead } from "@/lib/gateway/pipeline/embeddings-work";
import type { ChatRequestRead } from "@/lib/gateway/pipeline/read-chat-request";
import type { SseEncoder } from "@/lib/gateway/stream-relay";

/** Which API a request came in by: a column of the usage row and a label of the metrics. */
export const API_NAMES = ["chat", "messages", "responses", "embeddings"] as const;
export type ApiName = (typeof API_NAMES)[number];

/**
 * One inbound API in front of the one core. A chat-family API reads its own request into
 * the internal (OpenAI Chat Completions) request and writes the core's answer back in its
 * own shape; `/v1/embeddings` reads into embeddings work. Routing, failover, breakers,
 * limits and metering stay the core's.
 */
/** What an inbound API reads a request into: a chat completion, or an embeddings call. */
export type InboundRead = ChatRequestRead | EmbeddingsRead;

export interface InboundApi<Read extends InboundRead = ChatRequestRead> {
  name: ApiName;
  /** The tenant key the caller sent, from whichever header this API uses. */
  token(req: GatewayRequest): string | undefined;
  /**
   * The internal request (chat, or embeddings) and its token estimate.
   * @throws ApiError 400 naming the field for input this API or the gateway refuses.
   */
  read(req: GatewayRequest): Read;
  /**
   * The answer in this API's shape; absent for chat, whose answer is the core's own, and
   * for an API whose answer repeats its request (each read brings its own `render`).
   */
  render?: InboundRender;
  /** The limits' `x-ratelimit-*` headers in this API's form. */
  limitHeaders?(headers: Record<string, string>, now: number): Record<string, string>;
}

export interface InboundRender {
  /** An OpenAI `chat.completion` body -> this API's JSON answer. */
  json(body: string): string;
  /** A fresh encoder for one streamed answer. */
  encoder(): SseEncoder;
}
