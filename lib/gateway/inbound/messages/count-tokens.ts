import type { GatewayDeps } from "@/lib/gateway/gateway-deps";
import type { GatewayRequest, GatewayResponse } from "@/lib/gateway/http-types";
import { countTokens } from "@/lib/gateway/metering/count-tokens";
import { messagesToken, parseMessagesRequest } from "./messages-api";

/**
 * `POST /v1/messages/count_tokens`: an estimate of a Messages request's input tokens,
 * `{input_tokens}` as Anthropic's endpoint answers, counted locally (the gateway's own
 * tokenizer over the system prompt, the messages and the tool definitions) without an
 * upstream call, so it is free and never metered.
 * @throws ApiError 401 for a bad key, 400 for a bad body (written in Anthropic's shape).
 */
export async function handleCountTokens(
  deps: GatewayDeps,
  req: GatewayRequest,
  requestId: string,
): Promise<GatewayResponse> {
  await deps.authenticate(messagesToken(req));
  // count_tokens takes the request without max_tokens.
  const { json } = parseMessagesRequest(req.body, { max_tokens: 1 });
  const text = JSON.stringify([json.system ?? "", json.messages ?? [], json.tools ?? []]);
  return {
    status: 200,
    headers: {
      ...deps.extraHeaders,
      "content-type": "application/json",
      "x-request-id": requestId,
    },
    body: JSON.stringify({ input_tokens: await countTokens(text) }),
  };
}
