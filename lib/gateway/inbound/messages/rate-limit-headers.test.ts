import { describe, expect, it } from "vitest";
import { toAnthropicRateLimitHeaders } from "./rate-limit-headers";

describe("toAnthropicRateLimitHeaders", () => {
  it("renames OpenAI's headers and turns reset durations into RFC 3339 times", () => {
    const now = Date.UTC(2026, 0, 1);
    expect(
      toAnthropicRateLimitHeaders(
        {
          "x-ratelimit-limit-requests": "60",
          "x-ratelimit-remaining-requests": "59",
          "x-ratelimit-reset-requests": "1m30s",
          "x-ratelimit-reset-tokens": "250ms",
          "retry-after": "3",
        },
        now,
      ),
    ).toEqual({
      "anthropic-ratelimit-requests-limit": "60",
      "anthropic-ratelimit-requests-remaining": "59",
      "anthropic-ratelimit-requests-reset": "2026-01-01T00:01:30.000Z",
      "anthropic-ratelimit-tokens-reset": "2026-01-01T00:00:00.250Z",
      "retry-after": "3",
    });
  });
});
