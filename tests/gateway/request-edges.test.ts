/**
 * Every request edge answers in our shape, through the product's own server: request
 * targets in every form, methods no route serves, malformed session cookies and path
 * escapes get a 4xx (the API's JSON, or a small page for a page), never a 500, never a
 * redirect off our origin; errors quote at most a short excerpt of the input.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminRoutes } from "../fuzz/hostile-inputs";
import {
  issueTenantKey,
  startGatewayProcess,
  TEST_ADMIN_KEY,
  type GatewayProcess,
} from "../support/gateway-process";
import { rawRequest, type RawRequest, type RawResponse } from "../support/raw-http";

let gw: GatewayProcess;
beforeAll(async () => {
  gw = await startGatewayProcess({ env: {} });
});
afterAll(async () => {
  await gw?.stop();
});

async function send(req: RawRequest): Promise<RawResponse> {
  const res = await rawRequest(gw.url, req);
  expect(res, `${req.method} ${req.path}`).not.toBeNull();
  return res!;
}

function expectApiError(res: RawResponse, status: number, what: string) {
  expect(res.status, what).toBe(status);
  expect(res.headers["content-type"], what).toContain("application/json");
  const body = JSON.parse(res.body) as { error: { message: string; type: string } };
  expect(typeof body.error.message, what).toBe("string");
  expect(res.headers.location, what).toBeUndefined();
}

describe("request edges", () => {
  it("answers OPTIONS * with 204 and Allow, and * on any other method with 400", async () => {
    const options = await send({ method: "OPTIONS", path: "*" });
    expect(options.status).toBe(204);
    expect(options.headers.allow).toContain("GET");
    for (const method of ["GET", "POST", "DELETE"])
      expectApiError(await send({ method, path: "*" }), 400, `${method} *`);
  });

  it("answers TRACE and other methods no route serves with 405 and Allow, on every door's paths", async () => {
    for (const path of ["/", "/health", "/v1/models", "/api/admin/tenants", "/login"])
      for (const method of ["TRACE", "PROPFIND"]) {
        const res = await send({ method, path });
        expectApiError(res, 405, `${method} ${path}`);
        expect(res.headers.allow).toContain("GET");
      }
  });

  it("serves an absolute-form target naming our host, and refuses one naming another with 400", async () => {
    const ours = await send({ method: "GET", path: "/health", absoluteForm: true });
    expect(ours.status).toBe(200);
    for (const path of [
      "http://evil.example/",
      "http://evil.example/api/admin/tenants",
      "http://evil.example/v1/models",
    ])
      expectApiError(await send({ method: "GET", path }), 400, path);
  });

  it("never redirects a path that starts with two slashes to another host", async () => {
    for (const path of ["//evil.example/", "//evil.example", "/\\evil.example/"]) {
      const res = await send({ method: "GET", path });
      expect(res.status, path).toBe(400);
      expect(res.headers.location, path).toBeUndefined();
    }
  });

  it("refuses a session cookie with a malformed escape with 401 on every admin route, logging no error", async () => {
    const before = gw.output().length;
    const wrong: string[] = [];
    for (const route of adminRoutes())
      for (const method of route.methods) {
        const res = await send({
          method,
          path: route.pattern.replace(/\[[^\]]+\]/g, "x"),
          headers: [["cookie", "next-auth.session-token=%E0%A4%A"]],
        });
        if (res.status !== 401) wrong.push(`${method} ${route.pattern} -> ${res.status}`);
      }
    expect(wrong).toEqual([]);
    expect(gw.output().slice(before)).not.toMatch(/admin API error|URIError/);
  });

  it("answers dashboard page paths whose escapes do not decode with a 400 page", async () => {
    for (const path of ["/tenants/%E0%A4%A", "/%zz", "/invoices/%C0%80", "/spend%FF"]) {
      const res = await send({ method: "GET", path });
      expect(res.status, path).toBe(400);
      expect(res.headers["content-type"], path).toContain("text/html");
    }
  });

  it("quotes at most a short excerpt of a huge input in the error that refuses it", async () => {
    const { key } = await issueTenantKey(gw.url, "edges-huge-model");
    const model = "m".repeat(3 * 1024 * 1024);
    const chat = await fetch(`${gw.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ model, messages: [{ role: "user", content: "hi" }] }),
    });
    expect(chat.status).toBe(400);
    expect((await chat.text()).length).toBeLessThan(1_000);

    const field = "f".repeat(900_000);
    const admin = await fetch(`${gw.url}/api/admin/tenants`, {
      method: "POST",
      headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "edges", [field]: 1 }),
    });
    expect(admin.status).toBe(400);
    expect((await admin.text()).length).toBeLessThan(1_000);
  });
});

describe("provider keys in simulator mode", () => {
  it("stores an added key, lists it, and marks it unused while simulated", async () => {
    const added = await fetch(`${gw.url}/api/admin/credentials`, {
      method: "POST",
      headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ provider: "openai", key: "sk-edges-simulated-0001", label: "later" }),
    });
    expect(added.status).toBe(201);
    const body = (await added.json()) as { id: string; unusedWhileSimulated: boolean };
    expect(body.unusedWhileSimulated).toBe(true);
    const list = await fetch(`${gw.url}/api/admin/credentials`, {
      headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` },
    });
    const { data } = (await list.json()) as {
      data: { id: string; last4: string; unusedWhileSimulated: boolean }[];
    };
    expect(data.find((c) => c.id === body.id)).toMatchObject({
      last4: "0001",
      unusedWhileSimulated: true,
    });
  });
});
