/**
 * The dashboard's sign-in and sign-out over HTTP, through next-auth's own endpoints, the
 * way the browser's pages call them: each returns the cookies a browser would then hold.
 */

const cookiesOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .filter((c) => !c.endsWith("="));

async function csrf(baseUrl: string, cookie = ""): Promise<{ token: string; cookie: string }> {
  const res = await fetch(`${baseUrl}/api/auth/csrf`, { headers: { cookie } });
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { token: csrfToken, cookie: [cookie, ...cookiesOf(res)].filter(Boolean).join("; ") };
}

/**
 * Signs in with an email and password. Returns the Cookie header a browser would send
 * afterwards (`next-auth.session-token=...` among others), or throws when no session came back.
 */
export async function signInOverHttp(
  baseUrl: string,
  email: string,
  password: string,
  userAgent = "dashboard-http test",
): Promise<string> {
  const c = await csrf(baseUrl);
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: c.cookie,
      origin: baseUrl,
      "user-agent": userAgent,
    },
    body: new URLSearchParams({ csrfToken: c.token, email, password, json: "true" }),
  });
  const session = cookiesOf(res).find((x) => /session-token=/.test(x));
  if (!session) throw new Error(`sign-in refused: ${res.status}`);
  return `${c.cookie}; ${session}`;
}

/** Signs out the way the dashboard's "Sign out" does (POST /api/auth/signout with its CSRF token). */
export async function signOutOverHttp(baseUrl: string, cookie: string): Promise<void> {
  const c = await csrf(baseUrl, cookie);
  const res = await fetch(`${baseUrl}/api/auth/signout`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: c.cookie,
      origin: baseUrl,
    },
    body: new URLSearchParams({ csrfToken: c.token, callbackUrl: "/login", json: "true" }),
  });
  if (res.status >= 400) throw new Error(`sign-out refused: ${res.status}`);
}

/** Just the session cookie of a Cookie header: what a copy taken by someone else holds. */
export function sessionCookieOf(cookie: string): string {
  return cookie
    .split("; ")
    .filter((c) => /session-token=/.test(c))
    .join("; ");
}
