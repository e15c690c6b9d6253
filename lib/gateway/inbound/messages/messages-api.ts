import { ApiError } from "@/lib/errors";
import { parseJsonObject } from "@/lib/gateway/chat-request";
import type { GatewayRequest } from "@/lib/gateway/http-types";
import { bearerToken } from "@/lib/gateway/keys/api-key";
import {
  NATIVE_ANTHROPIC,
  type NativeAnthropic,
} from "@/lib/gateway/providers/anthropic/native-body";
import { describeIssue } from "@/lib/http/describe-issue";
import type { InboundApi } from "../inbound-api";
import { toAnthropicRateLimitHeaders } from "./rate-limit-headers";
import { MessagesRequestSchema, type MessagesRequest } from "./schema";
import { createMessagesStreamEncoder } from "./stream-encoder";
import { messagesToChatRequest } from "./to-chat-request";
import { toMessagesResponse } from "./to-messages-response";

/** Anthropic SDKs send the key in `x-api-key`; `Authorization: Bearer` is their auth-token form. */
export function messagesToken(req: GatewayRequest): string | undefined {
  return req.header("x-api-key") || bearerToken(req.header("authorization"));
}

/**
 * A Messages body, validated.
 * @param defaults fields assumed when absent (count_tokens takes no `max_tokens`)
 * @throws ApiError 400 (written in Anthropic's shape by the gateway) for bad input.
 */
export function parseMessagesRequest(
  body: Uint8Array | null,
  defaults: Record<string, unknown> = {},
): { json: Record<string, unknown>; request: MessagesRequest } {
  const json = parseJsonObject(body);
  const result = MessagesRequestSchema.safeParse({ ...defaults, ...json });
  if (!result.success) {
    // The message names the field already ("Invalid value for 'max_tokens': ..."), which
    // is all Anthropic's error shape can carry: it has no `param`.
    const { param, message } = describeIssue(result.error.issues[0]!);
    throw new ApiError("invalid_request_error", message, { param });
  }
  return { json, request: result.data };
}

/** The Anthropic headers that travel with a request routed to Anthropic. */
function anthropicHeaders(req: GatewayRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ["anthropic-version", "anthropic-beta"]) {
    const value = req.header(name);
    if (value) out[name] = value;
  }
  return out;
}

/** `POST /v1/messages`: Anthropic's Messages API in front of the chat core. */
export const MESSAGES_API: InboundApi = {
  name: "messages",
  token: messagesToken,
  read(req) {
    const { json, request } = parseMessagesRequest(req.body);
    const chat = messagesToChatRequest(request);
    const native: NativeAnthropic = { body: json, headers: anthropicHeaders(req) };
    Object.defineProperty(chat, NATIVE_ANTHROPIC, { value: native, enumerable: false });
    return {
      request: chat,
      estimate: {
        inputTokens: Math.ceil((req.body?.length ?? 0) / 4),
        outputTokens: request.max_tokens,
      },
    };
  },
  render: { json: toMessagesResponse, encoder: createMessagesStreamEncoder },
  limitHeaders: toAnthropicRateLimitHeaders,
};
