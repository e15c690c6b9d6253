/**
 * The limits' OpenAI `x-ratelimit-*` headers in Anthropic's form
 * (https://docs.anthropic.com/en/api/rate-limits#response-headers):
 * `anthropic-ratelimit-{requests,tokens}-{limit,remaining,reset}`, the reset an RFC 3339
 * time rather than OpenAI's duration. Other headers pass unchanged.
 * @param now epoch milliseconds the durations count from
 */
export function toAnthropicRateLimitHeaders(
  headers: Record<string, string>,
  now: number,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const m = /^x-ratelimit-(limit|remaining|reset)-(requests|tokens)$/.exec(name);
    if (!m) out[name] = value;
    else if (m[1] === "reset")
      out[`anthropic-ratelimit-${m[2]}-reset`] = new Date(now + durationMs(value)).toISOString();
    else out[`anthropic-ratelimit-${m[2]}-${m[1]}`] = value;
  }
  return out;
}

/** OpenAI's `1h2m3s` / `250ms` duration in milliseconds; 0 for anything else. */
function durationMs(text: string): number {
  let ms = 0;
  for (const [, n, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    const v = Number(n);
    ms += unit === "h" ? v * 3_600_000 : unit === "m" ? v * 60_000 : unit === "s" ? v * 1000 : v;
  }
  return ms;
}
