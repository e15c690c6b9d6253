/**
 * Providers say "wait" in four ways: `Retry-After` (seconds or an HTTP date),
 * `retry-after-ms`, Gemini's `RetryInfo.retryDelay` ("9s", "0.5s", "45.837906927s")
 * and prose (OpenAI "Please try again in 9.8s", "in 20ms", "in 1m30s"; Gemini "Please
 * retry in 20.04466179s."). Returns milliseconds. `x-ratelimit-reset-*` is not a hint:
 * it is the time until the whole window refills, not until the next request may pass.
 */
export function retryHintMs(
  headers: Record<string, string | string[] | undefined> | undefined,
  details: readonly unknown[] | undefined,
  message: string | undefined,
  now = Date.now(),
): number | undefined {
  const ms = header(headers, "retry-after-ms");
  if (ms && /^\d+(\.\d+)?$/.test(ms)) return wholeMs(Number(ms));
  const after = header(headers, "retry-after");
  if (after) {
    if (/^\d+(\.\d+)?$/.test(after)) return wholeMs(Number(after) * 1000);
    const date = Date.parse(after);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  for (const d of details ?? []) {
    const delay = (d as { retryDelay?: unknown } | null)?.retryDelay;
    if (typeof delay === "string") {
      const parsed = parseDuration(delay);
      if (parsed !== undefined) return parsed;
    }
  }
  const prose = message
    ? /(?:try again|retry) in ((?:\d+(?:\.\d+)?(?:ms|h|m|s))+)/i.exec(message)
    : null;
  return prose ? parseDuration(prose[1]!) : undefined;
}

/** Node lowercases header names; a caller building headers by hand may not. */
function header(
  headers: Record<string, string | string[] | undefined> | undefined,
  name: string,
): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const v = key === undefined ? undefined : headers[key];
  return (Array.isArray(v) ? v[0] : v)?.trim();
}

/** "9.8s", "20ms", "1m30s", "1h2m" -> milliseconds. */
export function parseDuration(text: string): number | undefined {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== text.trim()) return undefined;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
  return wholeMs(parts.reduce((sum, p) => sum + Number(p[1]) * unit[p[2] as keyof typeof unit], 0));
}

/** Round up to a whole millisecond without float noise turning 70.00000000000001 into 71. */
function wholeMs(ms: number): number {
  return Math.ceil(Math.round(ms * 1e6) / 1e6);
}
