import { expect, test } from "@playwright/test";
import { E2E_ADMIN_EMAIL, E2E_ADMIN_PASSWORD } from "../support/credentials";

test("repeated wrong passwords for one account are slowed down, with the wait named", async ({
  page,
}) => {
  await page.goto("/login");
  const email = `nobody-${Date.now()}@e2e.local`;
  const messages: string[] = [];
  for (let i = 0; i < 6; i++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`wrong-${i}`);
    await Promise.all([
      page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials")),
      page.getByRole("button", { name: "Sign in" }).click(),
    ]);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
    const alert = page.locator("form").getByRole("alert");
    await expect(alert).toBeVisible();
    messages.push((await alert.textContent()) ?? "");
  }
  expect(messages.slice(0, 4)).toEqual(Array(4).fill("Wrong email or password."));
  expect(messages[5]).toMatch(/Too many failed sign-ins\. Try again in \d+ s\./);
});

test("sign in, then sign out ends the session, also for a copy of its cookie", async ({
  page,
  browser,
}) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(E2E_ADMIN_EMAIL);
  await page.getByLabel("Password").fill(E2E_ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByRole("complementary")).toContainText(E2E_ADMIN_EMAIL);

  // The session admits admin API reads; a mutation from another site is refused (CSRF).
  const api = page.context().request;
  expect((await api.get("/api/admin/tenants")).status()).toBe(200);
  const crossSite = await api.post("/api/admin/tenants", {
    data: { name: "csrf probe" },
    headers: { origin: "https://evil.example" },
  });
  expect(crossSite.status()).toBe(403);
  const noOrigin = await api.post("/api/admin/tenants", { data: { name: "csrf probe" } });
  expect(noOrigin.status()).toBe(403);
  const sameSite = await api.post("/api/admin/tenants", {
    data: { name: "same-site tenant" },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(sameSite.status()).toBe(201);

  // A copy of the cookie taken before signing out, as someone who stole it would hold.
  const copied = await page.context().cookies();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
  expect((await api.get("/api/admin/tenants")).status()).toBe(401);

  const replay = await browser.newContext();
  try {
    await replay.addCookies(copied);
    expect(
      (await replay.request.get(new URL("/api/admin/tenants", page.url()).href)).status(),
    ).toBe(401);
    const replayPage = await replay.newPage();
    await replayPage.goto(new URL("/tenants", page.url()).href);
    await expect(replayPage).toHaveURL(/\/login/);
  } finally {
    await replay.close();
  }
});

test("a callbackUrl that a browser reads as another host lands on our own overview", async ({
  page,
}) => {
  // `/%5Cevil.example` reaches the page as `/\evil.example`, which browsers read as `//evil.example`.
  await page.goto("/login?callbackUrl=%2F%5Cevil.example");
  await page.getByLabel("Email").fill(E2E_ADMIN_EMAIL);
  await page.getByLabel("Password").fill(E2E_ADMIN_PASSWORD);
  const ownOrigin = new URL(page.url()).origin;
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(ownOrigin);
});
