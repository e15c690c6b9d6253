import { expect, test } from "@playwright/test";
import { admin } from "../support/admin-api";

test("a user's sessions are listed in Settings, and signing out everywhere ends them", async ({
  page,
  browser,
  request,
  baseURL,
}) => {
  const email = `ops-${Date.now()}@e2e.local`;
  const password = "sessions-password-123";
  await admin(request, "POST", "/api/admin/users", { email, password });

  // The new user signs in from a browser of their own.
  const theirs = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  try {
    const theirPage = await theirs.newPage();
    await theirPage.goto(`${baseURL}/login`);
    await theirPage.getByLabel("Email").fill(email);
    await theirPage.getByLabel("Password").fill(password);
    await theirPage.getByRole("button", { name: "Sign in" }).click();
    await expect(theirPage.getByRole("heading", { name: "Overview" })).toBeVisible();
    expect((await theirs.request.get(`${baseURL}/api/admin/tenants`)).status()).toBe(200);

    await page.goto("/settings");
    await page.getByRole("button", { name: `Sessions of ${email}` }).click();
    const dialog = page.getByRole("dialog", { name: `Sessions: ${email}` });
    await expect(
      dialog.getByRole("list", { name: "Active sessions" }).getByRole("listitem"),
    ).toHaveCount(1);
    await dialog.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(dialog.getByRole("status")).toHaveText("1 session(s) ended.");

    expect((await theirs.request.get(`${baseURL}/api/admin/tenants`)).status()).toBe(401);
    await theirPage.goto(`${baseURL}/tenants`);
    await expect(theirPage).toHaveURL(/\/login/);
  } finally {
    await theirs.close();
  }
});
