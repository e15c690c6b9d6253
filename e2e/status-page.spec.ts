import { expect, test } from "@playwright/test";

test("the front page says the providers are simulated and lists them", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "LLM Gateway" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Simulated providers");
  const deepseek = page.locator('tr[data-provider="deepseek"]');
  await expect(deepseek).toContainText("online (simulated)");
  await expect(deepseek).toContainText("deepseek/deepseek-chat");
  // Only the last four characters of a key are ever shown.
  await expect(deepseek).not.toContainText("sim-deepseek-key-1");
});
