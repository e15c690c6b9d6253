import type { LeasePool } from "./lease-pool";
import { openAIDuration } from "./windows";

/**
 * OpenAI's `x-ratelimit-*` headers for the tightest limit of each kind: the request
 * pool and the token pool with the least left. Omitted for a kind the key has no limit of.
 */
export function rateLimitHeaders(
  requestPools: readonly LeasePool[],
  tokenPools: readonly LeasePool[],
  now: number,
): Record<string, string> {
  const headers: Record<string, string> = {};
  const tightest = (pools: readonly LeasePool[]) =>
    pools.reduce<LeasePool | undefined>(
      (best, p) => (!best || p.remaining() < best.remaining() ? p : best),
      undefined,
    );
  const req = tightest(requestPools);
  if (req) {
    headers["x-ratelimit-limit-requests"] = String(req.limit);
    headers["x-ratelimit-remaining-requests"] = String(req.remaining());
    headers["x-ratelimit-reset-requests"] = openAIDuration(req.window.end - now);
  }
  const tok = tightest(tokenPools);
  if (tok) {
    headers["x-ratelimit-limit-tokens"] = String(tok.limit);
    headers["x-ratelimit-remaining-tokens"] = String(tok.remaining());
    headers["x-ratelimit-reset-tokens"] = openAIDuration(tok.window.end - now);
  }
  return headers;
}
