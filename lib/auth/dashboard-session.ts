import { decode } from "next-auth/jwt";
import { authSecret } from "./auth-secret";
import { findDashboardSession } from "./find-dashboard-session";
import { readCookie, SESSION_COOKIE_NAMES } from "./session-cookie";

export interface DashboardSession {
  userId: string;
  email: string;
  /** The stored session this cookie names (marked "this session" in the list). */
  sessionId: string;
}

/**
 * The signed-in dashboard user behind a Cookie header, or null: the session token must
 * decrypt with our secret, be unexpired, and name a stored session that is neither ended
 * (sign-out, "sign out everywhere") nor expired, of a user who is still enabled and whose
 * session version has not moved on since (a password reset or a disable ends sessions).
 * A malformed cookie is no session. `secret` defaults to the process's AUTH_SECRET.
 */
export async function sessionFromCookies(
  cookieHeader: string | null | undefined,
  secret?: string,
): Promise<DashboardSession | null> {
  for (const name of SESSION_COOKIE_NAMES) {
    const raw = readCookie(cookieHeader, name);
    if (!raw) continue;
    const token = await decode({ token: raw, secret: secret ?? (await authSecret()) }).catch(
      () => null,
    );
    if (!token?.sub || typeof token.sid !== "string") continue;
    if (typeof token.exp === "number" && token.exp * 1000 < Date.now()) continue;
    const stored = await findDashboardSession({ id: token.sid });
    if (!stored || stored.endedAt || stored.expiresAt.getTime() <= Date.now()) continue;
    const user = stored.user;
    if (user.id !== token.sub || user.disabledAt) continue;
    if (user.sessionVersion !== (token.sv ?? 0)) continue;
    return { userId: user.id, email: user.email, sessionId: stored.id };
  }
  return null;
}
