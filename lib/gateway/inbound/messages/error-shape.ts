import { toErrorResponse } from "@/lib/errors";
import { toAnthropicRateLimitHeaders } from "./rate-limit-headers";

/** Anthropic's error `type` per HTTP status (https://docs.anthropic.com/en/api/errors). */
function errorType(status: number): string {
  switch (status) {
    case 400:
    case 405:
    case 415:
    case 422:
      return "invalid_request_error";
    case 401:
      return "authentication_error";
    case 402:
      return "billing_error";
    case 403:
      return "permission_error";
    case 404:
      return "not_found_error";
    case 413:
      return "request_too_large";
    case 429:
      return "rate_limit_error";
    case 529:
      return "overloaded_error";
    default:
      return "api_error";
  }
}

/**
 * Anything thrown, in Anthropic's error shape `{type: "error", error: {type, message}}`.
 * "No provider left" is Anthropic's 529 `overloaded_error`, which its SDK retries; the
 * limits' headers take the `anthropic-ratelimit-*` form.
 * @param now epoch milliseconds, for the rate-limit reset times
 */
export function toAnthropicError(
  err: unknown,
  now: number,
): { status: number; headers: Record<string, string>; body: unknown } {
  const openai = toErrorResponse(err);
  const status = openai.body.error.code === "no_provider_available" ? 529 : openai.status;
  return {
    status,
    headers: toAnthropicRateLimitHeaders(openai.headers, now),
    body: { type: "error", error: { type: errorType(status), message: openai.body.error.message } },
  };
}
