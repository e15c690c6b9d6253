// Any base will do: only whether a value stays on it matters, never the base itself.
const BASE = "http://own.invalid";
// Backslashes and control characters (tab, newline, ...) are where browsers and parsers
// disagree about where a host starts; a path of ours never needs them.
const SUSPECT = /[\\\u0000-\u001f\u007f]/;

/**
 * Where to send someone after signing in: `raw` when it is a path on this very site
 * (`/tenants?x=1#y`), otherwise "/". Refused: anything not starting with one `/`
 * (absolute URLs, `javascript:` in any case, `//host`), and any value that, once or
 * twice percent-decoded, holds a backslash or control character or starts with `//`
 * (`/%5Cevil.com`, `/%09/evil.com`, `/%255C%255Cevil.com`), since a browser or a second
 * decoder may read those as another host. Pure; never throws.
 */
export function safeRedirectPath(raw: unknown): string {
  if (typeof raw !== "string" || raw.length > 2000) return "/";
  let value = raw;
  for (let i = 0; i < 3; i++) {
    if (!value.startsWith("/") || value.startsWith("//") || SUSPECT.test(value)) return "/";
    let decoded: string;
    try {
      decoded = decodeURIComponent(value);
    } catch {
      return "/";
    }
    if (decoded === value) break;
    value = decoded;
  }
  try {
    const url = new URL(raw, BASE);
    if (url.origin !== BASE) return "/";
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return "/";
  }
}
