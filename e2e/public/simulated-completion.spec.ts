import { expect, test } from "@playwright/test";
import { E2E_ADMIN_KEY } from "../support/credentials";

test("a key issued through the admin API gets a simulated completion", async ({ request }) => {
  const auth = { authorization: `Bearer ${E2E_ADMIN_KEY}` };
  const tenant = await (
    await request.post("/api/admin/tenants", {
      headers: auth,
      data: { name: `e2e tenant ${Date.now()}` },
    })
  ).json();
  const issued = await (
    await request.post(`/api/admin/tenants/${tenant.id}/keys`, { headers: auth, data: {} })
  ).json();
  expect(issued.key).toMatch(/^sk-gw-/);
  const res = await request.post("/v1/chat/completions", {
    headers: { authorization: `Bearer ${issued.key}` },
    data: { model: "auto", messages: [{ role: "user", content: "hello" }] },
  });
  expect(res.status()).toBe(200);
  expect(res.headers()["x-gateway-simulated"]).toBe("true");
  const body = await res.json();
  expect(body.choices[0].message.content).toContain("Simulated");
});
