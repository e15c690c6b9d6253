import { expect, test } from "@playwright/test";
import { E2E_ADMIN_KEY } from "../support/credentials";

test("the public /providers says up or down and simulated, and nothing about credentials", async ({
  request,
}) => {
  const res = await request.get("/providers");
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.simulated).toBe(true);
  const deepseek = body.providers.find((p: { id: string }) => p.id === "deepseek");
  expect(deepseek).toMatchObject({ configured: true, simulated: true, online: true });
  expect(deepseek.credentials).toBeUndefined();
  expect(JSON.stringify(body)).not.toMatch(/last4|simulated-1|key-1/);
});

test("the admin key sees each credential's label, last 4 and breaker state on /providers", async ({
  request,
}) => {
  const body = await (
    await request.get("/providers", { headers: { authorization: `Bearer ${E2E_ADMIN_KEY}` } })
  ).json();
  const deepseek = body.providers.find((p: { id: string }) => p.id === "deepseek");
  expect(deepseek.credentials.length).toBeGreaterThanOrEqual(2);
  expect(deepseek.credentials[0]).toMatchObject({
    label: "deepseek-simulated-1",
    last4: "ey-1",
    state: expect.any(String),
  });
  // Only the last four characters of a key are ever shown.
  expect(JSON.stringify(body)).not.toContain("sim-deepseek-key-1");
});

test("/health answers without a database round trip or any detail", async ({ request }) => {
  const res = await request.get("/health");
  expect(await res.json()).toEqual({ status: "ok" });
});

test("/favicon.ico is the product's icon, not a 404", async ({ request }) => {
  const res = await request.get("/favicon.ico");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/image\//);
  expect((await res.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
});
