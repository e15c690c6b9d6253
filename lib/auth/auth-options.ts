import { verify as argon2Verify } from "@node-rs/argon2";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { log } from "@/lib/log";
import { clearSignInFailures } from "./clear-sign-in-failures";
import { createDashboardSession } from "./create-dashboard-session";
import { endDashboardSessions } from "./end-dashboard-sessions";
import { findDashboardUserByEmail } from "./find-dashboard-user-by-email";
import { readThrottles } from "./read-throttles";
import { recordSignIn } from "./record-sign-in";
import { recordSignInFailure } from "./record-sign-in-failure";
import { safeRedirectPath } from "./safe-redirect";
import { SESSION_MAX_AGE_S } from "./session-cookie";
import { lockUntil, secondsLocked, throttleKeys } from "./sign-in-throttle-policy";

// A self-hosted product is reached under whatever host its operator chose; without
// NEXTAUTH_URL, next-auth must take the origin from the request it serves.
process.env.AUTH_TRUST_HOST ??= "1";

/** Shown for every wrong email or password alike, so an account's existence never leaks. */
export const BAD_CREDENTIALS = "Wrong email or password.";

type Headers = Record<string, string | string[] | undefined> | undefined;

/**
 * The caller's address as the server decided it before Next (lib/server/before-next.ts:
 * the socket's, or the forwarded one GATEWAY_TRUST_PROXY trusts); never a header the
 * client chose, which would let it pick a fresh throttle bucket per guess.
 */
export function clientAddress(headers: Headers): string | undefined {
  const v = headers?.["x-gateway-client-address"];
  return (Array.isArray(v) ? v[0] : v) || undefined;
}

/**
 * Checks an email and password, slowed per account and per address, and on success
 * stores a new session. Returns the user with the session's id (`sid`) and the user's
 * session version (`sv`) for the cookie, or throws an Error whose message the sign-in
 * page shows.
 */
export async function authorizeDashboardUser(
  email: string,
  password: string,
  address: string | undefined,
  userAgent?: string,
) {
  const keys = throttleKeys(email, address);
  const locked = secondsLocked(await readThrottles({ keys }));
  if (locked > 0) throw new Error(`Too many failed sign-ins. Try again in ${locked} s.`);
  const user = await findDashboardUserByEmail({ email });
  // A missing user still costs one hash check, so timing does not tell who exists.
  const ok = user
    ? await argon2Verify(user.passwordHash, password).catch(() => false)
    : await argon2Verify(DUMMY_HASH, password).catch(() => false);
  if (!user || !ok || user.disabledAt) {
    await recordSignInFailure({ keys, lockFor: (key, failures) => lockUntil(key, failures) });
    log().warn({ address, disabled: Boolean(user?.disabledAt) }, "dashboard sign-in failed");
    throw new Error(BAD_CREDENTIALS);
  }
  await clearSignInFailures({ keys: [keys[0]!] });
  await recordSignIn({ id: user.id });
  const sid = await createDashboardSession({ userId: user.id, address, userAgent });
  return {
    id: user.id,
    email: user.email,
    name: user.name ?? user.email,
    sv: user.sessionVersion,
    sid,
  };
}

// argon2id hash of a random string nobody knows; only ever compared against, never matched.
const DUMMY_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$AOZdUR46u6MFjMsO64ygnw$IdsJa37kHAc0C1ejbzHMi2bewp4jzlqs6Tkya1TFmwE";

/**
 * next-auth's options: the credentials provider, a JWT cookie naming a stored session
 * (ended by sign-out), our own sign-in page, redirects only to our own paths.
 */
export function authOptions(secret: string): NextAuthOptions {
  return {
    secret,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S, updateAge: 0 },
    jwt: { maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        async authorize(credentials, req) {
          const email = credentials?.email?.trim() ?? "";
          const password = credentials?.password ?? "";
          if (!email || !password) throw new Error(BAD_CREDENTIALS);
          const headers = req?.headers as Headers;
          const agent = headers?.["user-agent"];
          return authorizeDashboardUser(
            email,
            password,
            clientAddress(headers),
            Array.isArray(agent) ? agent[0] : agent,
          );
        },
      }),
    ],
    callbacks: {
      // next-auth's own redirects (sign-out, errors) follow the same rule as sign-in's.
      redirect({ url, baseUrl }) {
        const path = url.startsWith(baseUrl) ? url.slice(baseUrl.length) || "/" : url;
        return `${baseUrl}${safeRedirectPath(path)}`;
      },
      jwt({ token, user }) {
        if (user) {
          const u = user as { id: string; sv?: number; sid?: string };
          token.sub = u.id;
          token.sv = u.sv ?? 0;
          token.sid = u.sid;
        }
        return token;
      },
      session({ session, token }) {
        if (session.user) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
    events: {
      // Sign-out ends the stored session, so a copy of the cookie taken before is refused.
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endDashboardSessions({ id: token.sid });
      },
    },
    logger: {
      error: (code) => log().warn({ code }, "next-auth error"),
      warn: (code) => log().debug({ code }, "next-auth warning"),
      debug: () => undefined,
    },
  };
}
