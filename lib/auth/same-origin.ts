const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence for cookie-authenticated calls: a state-changing request must come from
 * a page of this very site, as its `Origin` (or, failing that, `Referer`) shows. A
 * browser always sends Origin on a cross-site POST/PUT/PATCH/DELETE, and a page cannot
 * forge it; bearer-key callers are not cookie-authenticated and need no such check.
 * `X-Forwarded-Host` reaches here only when GATEWAY_TRUST_PROXY trusts a proxy that set
 * it (lib/server/forwarded-headers.ts drops it otherwise, before Next).
 */
export function isSameOriginMutation(request: Request): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return true;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  const source = request.headers.get("origin") ?? request.headers.get("referer");
  if (!host || !source || source === "null") return false;
  try {
    return new URL(source).host === host;
  } catch {
    return false;
  }
}
