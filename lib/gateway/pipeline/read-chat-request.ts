import { parseChatCompletionRequest, type ChatCompletionRequest } from "@/lib/gateway/chat-request";
import type { GatewayRequest } from "@/lib/gateway/http-types";
import type { InboundRender } from "@/lib/gateway/inbound/inbound-api";
import {
  DEFAULT_EXPECTED_OUTPUT_TOKENS,
  type TokenEstimate,
} from "@/lib/gateway/router/rank-candidates";

export interface ChatRequestRead {
  /** Absent or `chat`: what every chat-family API reads into. */
  kind?: "chat";
  request: ChatCompletionRequest;
  /** Tokens expected before any upstream is asked: input from the body size (~4 bytes a token). */
  estimate: TokenEstimate;
  /** This request's own way to write the answer, for an API whose answer repeats its request. */
  render?: InboundRender;
}

/**
 * The validated request body and its token estimate.
 * @throws ApiError 400 for an empty, non-JSON or invalid body.
 */
export function readChatRequest(req: GatewayRequest): ChatRequestRead {
  const request = parseChatCompletionRequest(req.body);
  return {
    request,
    estimate: {
      inputTokens: Math.ceil((req.body?.length ?? 0) / 4),
      outputTokens:
        request.max_completion_tokens ?? request.max_tokens ?? DEFAULT_EXPECTED_OUTPUT_TOKENS,
    },
  };
}
