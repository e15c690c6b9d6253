import { verify as argon2Verify } from "@node-rs/argon2";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { log } from "@/lib/log";
import { clearSignInFailures } from "./clear-sign-in-failures";
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

/** The caller's address: the product's server sets it from the socket; behind a proxy, the first forwarded hop. */
export function clientAddress(headers: Headers): string | undefined {
  const pick = (name: string) => {
    const v = headers?.[name];
    return Array.isArray(v) ? v[0] : v;
  };
  return (
    pick("x-gateway-client-address") ?? pick("x-forwarded-for")?.split(",")[0]?.trim() ?? undefined
  );
}

/**
 * Checks an email and password, slowed per account and per address. Returns the user
 * for the session, or throws an Error whose message the sign-in page shows.
 */
export async function authorizeDashboardUser(
  email: string,
  password: string,
  address: string | undefined,
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
  return { id: user.id, email: user.email, name: user.name ?? user.email, sv: user.sessionVersion };
}

// argon2id hash of a random string nobody knows; only ever compared against, never matched.
const DUMMY_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$AOZdUR46u6MFjMsO64ygnw$IdsJa37kHAc0C1ejbzHMi2bewp4jzlqs6Tkya1TFmwE";

/** next-auth's options: the credentials provider, JWT sessions that expire, our own sign-in page. */
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
          return authorizeDashboardUser(email, password, clientAddress(req?.headers as Headers));
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
          const u = user as { id: string; sv?: number };
          token.sub = u.id;
          token.sv = u.sv ?? 0;
        }
        return token;
      },
      session({ session, token }) {
        if (session.user) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
    logger: {
      error: (code) => log().warn({ code }, "next-auth error"),
      warn: (code) => log().debug({ code }, "next-auth warning"),
      debug: () => undefined,
    },
  };
}
