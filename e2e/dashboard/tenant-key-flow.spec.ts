import { expect, test } from "@playwright/test";
import OpenAI from "openai";

test("create a tenant, issue and copy a key, call the gateway with it, and find the call in the log, the spend and the usage bar", async ({
  page,
  context,
  baseURL,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const name = `Acme ${Date.now()}`;

  await page.goto("/tenants");
  await page.getByRole("button", { name: "Create tenant" }).click();
  const create = page.getByRole("dialog", { name: "Create a tenant" });
  await create.getByLabel("Name").fill(name);
  await create.getByLabel("Monthly budget (USD)").fill("25");
  await create.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  const tenantUrl = page.url();

  await page.getByRole("button", { name: "Issue key" }).click();
  const issue = page.getByRole("dialog", { name: "Issue an API key" });
  await issue.getByLabel("Name").fill("e2e");
  await issue.getByRole("button", { name: "Issue key" }).click();
  const shown = page.getByRole("dialog", { name: "Your new API key" });
  await expect(shown.getByRole("status").first()).toContainText("will not be shown again");
  await shown.getByRole("button", { name: "Copy" }).click();
  await expect(shown.getByRole("button", { name: "Copied" })).toBeVisible();
  const key = await page.evaluate(() => navigator.clipboard.readText());
  expect(key).toMatch(/^sk-gw-/);
  expect(await shown.getByLabel("API key").inputValue()).toBe(key);
  await shown.getByRole("button", { name: "Done" }).click();
  // Once closed, the key is gone from the page: only its prefix is listed.
  await expect(page.getByRole("table", { name: "API keys" })).toContainText(key.slice(0, 10));
  await expect(page.locator("body")).not.toContainText(key);

  const client = new OpenAI({ apiKey: key, baseURL: `${baseURL}/v1` });
  const { data: completion, response } = await client.chat.completions
    .create({
      model: "auto",
      messages: [{ role: "user", content: "Hello from the dashboard test" }],
    })
    .withResponse();
  expect(completion.choices[0]!.message.content).toBeTruthy();
  const requestId = response.headers.get("x-request-id")!;
  expect(requestId).toBeTruthy();

  await page.goto("/requests");
  await expect(page.getByRole("table", { name: "Request log" })).toContainText(requestId, {
    timeout: 20_000,
  });
  const row = page.getByRole("row").filter({ hasText: requestId });
  await expect(row).toContainText(name);
  await expect(row).toContainText("200");

  await page.goto("/spend");
  const spendRow = page
    .getByRole("table", { name: "Spend" })
    .getByRole("row")
    .filter({ hasText: name });
  await expect(spendRow).toBeVisible({ timeout: 20_000 });
  // Columns: tenant, requests, errors, tokens, upstream cost, billed, margin.
  await expect(spendRow.getByRole("cell").nth(1)).toHaveText("1");
  await expect(spendRow.getByRole("cell").nth(3)).not.toHaveText("0");
  await expect(spendRow.getByRole("cell").nth(5)).toHaveText(/^\$0\.0\d*[1-9]/);

  await page.goto(tenantUrl);
  const tokensMeter = page.getByRole("meter", { name: /Tokens against/ });
  await expect(tokensMeter).not.toHaveAttribute("aria-valuenow", "0", { timeout: 20_000 });
  await expect(page.getByRole("meter", { name: "Spend against budget" })).toHaveAttribute(
    "aria-valuetext",
    /of \$25\.00/,
  );
  await expect(page.getByText("1 request this month.")).toBeVisible();
});
