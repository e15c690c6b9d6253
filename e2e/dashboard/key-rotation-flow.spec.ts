import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import OpenAI from "openai";
import { tenantWithKey } from "../support/admin-api";

const MODEL = "deepseek/deepseek-chat";

/** Serious and critical axe findings inside the open dialog, as readable lines. */
async function dialogViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

test("edit a key's models and expiry in its dialog, rotate it, copy the new secret and call the gateway with it while the old one still works", async ({
  page,
  context,
  request,
  baseURL,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const { tenantId, key: oldKey } = await tenantWithKey(request, `Rotation ${Date.now()}`);
  const oldPrefix = oldKey.slice(0, 14);

  await page.goto(`/tenants/${tenantId}`);
  const table = page.getByRole("table", { name: "API keys" });
  await expect(table).toContainText(oldPrefix);
  await page.getByRole("button", { name: `Manage key ${oldPrefix}` }).click();
  const dialog = page.getByRole("dialog", { name: `Manage key ${oldPrefix}…` });
  await expect(dialog).toBeVisible();
  expect(await dialogViolations(page)).toEqual([]);

  // The API's own refusals, shown as it words them.
  const models = dialog.getByLabel("Allowed models");
  await models.fill("no-such-model");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog.getByRole("alert")).toContainText("is not a model of the catalogue");
  await models.fill(MODEL);
  await dialog.getByLabel("Expires on").fill("2020-01-01");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog.getByRole("alert")).toContainText("already in the past");

  // A valid edit: one model, expiring in three days.
  const inThreeDays = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  await dialog.getByLabel("Expires on").fill(inThreeDays);
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog.getByText("Saved. Every instance applies it within a second.")).toBeVisible();
  await expect(dialog.getByRole("alert")).toHaveCount(0);

  // Rotate with an hour's grace: the new secret is shown once, with a copy button.
  await dialog.getByLabel("Current secret keeps working for").selectOption("3600");
  await dialog.getByRole("button", { name: "Rotate secret" }).click();
  const shown = page.getByRole("dialog", { name: "Your new secret" });
  await expect(shown.getByRole("status").first()).toContainText("will not be shown again");
  await expect(shown).toContainText(`The old secret ${oldPrefix}… keeps working until`);
  expect(await dialogViolations(page)).toEqual([]);
  await shown.getByRole("button", { name: "Copy" }).click();
  await expect(shown.getByRole("button", { name: "Copied" })).toBeVisible();
  const newKey = await page.evaluate(() => navigator.clipboard.readText());
  expect(newKey).toMatch(/^sk-gw-/);
  expect(newKey).not.toBe(oldKey);
  expect(await shown.getByLabel("New API key").inputValue()).toBe(newKey);
  await shown.getByRole("button", { name: "Done" }).click();

  // The list shows the new prefix, the near expiry and the old secret's grace; the secret
  // itself is gone from the page.
  await expect(table).toContainText(newKey.slice(0, 14));
  await expect(table).not.toContainText(oldPrefix);
  await expect(table.getByText(/^expires in (3|4) days$/)).toBeVisible();
  await expect(table.getByText(/^old secret ends in (60 min|1 hour)$/)).toBeVisible();
  await expect(page.locator("body")).not.toContainText(newKey);

  // Both secrets reach the gateway during the grace, and the narrowing holds for both.
  for (const apiKey of [newKey, oldKey]) {
    const client = new OpenAI({ apiKey, baseURL: `${baseURL}/v1`, maxRetries: 0 });
    const completion = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: "user", content: "Hello after the rotation" }],
    });
    expect(completion.choices[0]!.message.content).toBeTruthy();
    const other = await client.chat.completions
      .create({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "x" }] })
      .catch((e: unknown) => e);
    expect(other).toBeInstanceOf(OpenAI.PermissionDeniedError);
  }
});
