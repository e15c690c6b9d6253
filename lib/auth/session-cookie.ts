/** Dashboard sessions last 8 hours from sign-in; a signed-in page refreshes nothing beyond that. */
export const SESSION_MAX_AGE_S = 8 * 60 * 60;

/**
 * next-auth's cookie names: `__Secure-` prefixed when the site is served over https
 * (NEXTAUTH_URL), plain otherwise.
 */
export const SESSION_COOKIE_NAMES = [
  "__Secure-next-auth.session-token",
  "next-auth.session-token",
] as const;

/**
 * Reads one cookie from a Cookie header without a dependency: names are fixed ASCII.
 * A value whose percent-escapes do not decode is no value (undefined), never a throw:
 * a hostile cookie is a missing credential, not a server error.
 */
export function readCookie(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}
