import { ApiError } from "@/lib/errors";
import { parseJsonObject } from "@/lib/gateway/chat-request";
import { bearerToken } from "@/lib/gateway/keys/api-key";
import { DEFAULT_EXPECTED_OUTPUT_TOKENS } from "@/lib/gateway/router/rank-candidates";
import { describeIssue } from "@/lib/http/describe-issue";
import type { InboundApi } from "../inbound-api";
import { echoOf } from "./request-echo";
import { ResponsesRequestSchema } from "./schema";
import { createResponsesStreamEncoder } from "./stream-encoder";
import { responsesToChatRequest } from "./to-chat-request";
import { toResponsesResponse } from "./to-response";

/** `POST /v1/responses`: OpenAI's Responses API, stateless, in front of the chat core. */
export const RESPONSES_API: InboundApi = {
  name: "responses",
  token: (req) => bearerToken(req.header("authorization")),
  read(req) {
    const result = ResponsesRequestSchema.safeParse(parseJsonObject(req.body));
    if (!result.success) {
      const { param, message } = describeIssue(result.error.issues[0]!);
      throw new ApiError("invalid_request_error", message, { param });
    }
    const request = responsesToChatRequest(result.data);
    const echo = echoOf(result.data);
    return {
      request,
      estimate: {
        inputTokens: Math.ceil((req.body?.length ?? 0) / 4),
        outputTokens: result.data.max_output_tokens ?? DEFAULT_EXPECTED_OUTPUT_TOKENS,
      },
      // The answer repeats this request's settings, so each request brings its own writer.
      render: {
        json: (body) => toResponsesResponse(body, echo),
        encoder: () => createResponsesStreamEncoder(echo),
      },
    };
  },
};
