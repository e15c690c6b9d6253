import { decode } from "next-auth/jwt";
import { authSecret } from "./auth-secret";
import { findDashboardUserSession } from "./find-dashboard-user-session";
import { readCookie, SESSION_COOKIE_NAMES } from "./session-cookie";

export interface DashboardSession {
  userId: string;
  email: string;
}

/**
 * The signed-in dashboard user behind a Cookie header, or null: the session token must
 * decrypt with our secret, be unexpired, and name a user who is still enabled and whose
 * session version has not moved on since (a password reset or a disable ends sessions).
 * `secret` defaults to the process's AUTH_SECRET.
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
    if (!token?.sub) continue;
    if (typeof token.exp === "number" && token.exp * 1000 < Date.now()) continue;
    const user = await findDashboardUserSession({ id: token.sub });
    if (!user || user.disabledAt || user.sessionVersion !== (token.sv ?? 0)) continue;
    return { userId: user.id, email: user.email };
  }
  return null;
}
