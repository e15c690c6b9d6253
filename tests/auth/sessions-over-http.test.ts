/**
 * Dashboard sessions on the real product: signing out ends the session on the server, so
 * a copy of the cookie taken before gets 401 on every admin route and the sign-in page on
 * every page; "sign out everywhere" ends every session of a user; a forged
 * `X-Forwarded-Host` does not make a cross-site change look same-site without a proxy.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminRoutes } from "../fuzz/hostile-inputs";
import { signInOverHttp, signOutOverHttp, sessionCookieOf } from "../support/dashboard-http";
import { admin, startGatewayProcess, type GatewayProcess } from "../support/gateway-process";

const email = `sessions-${Date.now()}@example.test`;
const password = "correct horse battery staple";
let gw: GatewayProcess;
let userId: string;

beforeAll(async () => {
  gw = await startGatewayProcess({ env: {} });
  userId = (await admin<{ id: string }>(gw.url, "POST", "/api/admin/users", { email, password }))
    .id;
});
afterAll(async () => {
  await gw?.stop();
});

const concrete = (pattern: string) => pattern.replace(/\[[^\]]+\]/g, "x");

async function statusOf(path: string, method: string, cookie: string): Promise<number> {
  const res = await fetch(gw.url + path, {
    method,
    redirect: "manual",
    headers: { cookie, origin: gw.url, "content-type": "application/json" },
    body: method === "GET" ? undefined : "{}",
  });
  await res.arrayBuffer();
  return res.status;
}

describe("sessions that end", () => {
  it("sign-out ends the session: a copy of the cookie gets 401 on every admin route and the sign-in page", async () => {
    const cookie = await signInOverHttp(gw.url, email, password);
    const copy = sessionCookieOf(cookie);
    expect(await statusOf("/api/admin/tenants", "GET", copy)).toBe(200);
    expect(await statusOf("/", "GET", copy)).toBe(200);

    await signOutOverHttp(gw.url, cookie);

    const routes = adminRoutes();
    expect(routes.length).toBeGreaterThan(20);
    const wrong: string[] = [];
    for (const route of routes)
      for (const method of route.methods) {
        const status = await statusOf(concrete(route.pattern), method, copy);
        if (status !== 401) wrong.push(`${method} ${route.pattern} -> ${status}`);
      }
    expect(wrong).toEqual([]);
    for (const page of ["/", "/tenants", "/settings"]) {
      const res = await fetch(gw.url + page, { redirect: "manual", headers: { cookie: copy } });
      expect(res.status).toBeGreaterThanOrEqual(300);
      expect(res.status).toBeLessThan(400);
      expect(new URL(res.headers.get("location")!, gw.url).pathname).toBe("/login");
    }
  });

  it("lists a user's live sessions, and sign out everywhere ends them all", async () => {
    const a = await signInOverHttp(gw.url, email, password, "browser A");
    const b = await signInOverHttp(gw.url, email, password, "browser B");
    const list = await fetch(`${gw.url}/api/admin/users/${userId}/sessions`, {
      headers: { cookie: a },
    });
    const { data } = (await list.json()) as {
      data: { userAgent: string; current: boolean; address: string | null }[];
    };
    expect(data.map((s) => [s.userAgent, s.current])).toEqual([
      ["browser B", false],
      ["browser A", true],
    ]);
    expect(data[0]!.address).toBeTruthy();

    const ended = await fetch(`${gw.url}/api/admin/users/${userId}/sessions`, {
      method: "DELETE",
      headers: { cookie: a, origin: gw.url },
    });
    expect(ended.status).toBe(200);
    expect(await ended.json()).toEqual({ ended: 2 });
    expect(await statusOf("/api/admin/tenants", "GET", a)).toBe(401);
    expect(await statusOf("/api/admin/tenants", "GET", b)).toBe(401);
  });

  it("does not take X-Forwarded-Host from the client without GATEWAY_TRUST_PROXY", async () => {
    const cookie = await signInOverHttp(gw.url, email, password);
    const res = await fetch(`${gw.url}/api/admin/tenants`, {
      method: "POST",
      headers: {
        cookie,
        origin: "http://evil.example",
        "x-forwarded-host": "evil.example",
        "content-type": "application/json",
      },
      body: JSON.stringify({ name: `forwarded-${Date.now()}` }),
    });
    expect(res.status).toBe(403);
  });
});
