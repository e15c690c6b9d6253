import { expect, test } from "@playwright/test";
import { admin } from "../support/admin-api";

test("edit a plan's terms and limits: the API's refusal is shown, a valid change is saved", async ({
  page,
  request,
}) => {
  // A plan of its own, so no other spec's tenants get its limits.
  const name = `E2E plan ${Date.now().toString(36)}`;
  await admin(request, "POST", "/api/admin/plans", {
    name,
    monthlyFeeMicros: 9_000_000,
    includedTokens: 5_000_000,
    overagePricePer1MMicros: 5_000_000,
  });

  await page.goto("/plans");
  const row = page.getByRole("table", { name: "Plans" }).getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("$9.00");
  await row.getByRole("button", { name: `Edit plan ${name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Edit plan ${name}` });

  // Refused before it is sent, in the API's words.
  await dialog.getByLabel("Requests per minute").fill("0");
  await dialog.getByRole("button", { name: "Save plan" }).click();
  await expect(dialog.getByRole("alert")).toHaveText(
    /^Invalid value for 'defaultRequestsPerMinute': /,
  );
  await expect(dialog.getByLabel("Requests per minute")).toHaveAttribute("aria-invalid", "true");

  // Refused by the API: another plan has that name.
  await dialog.getByLabel("Requests per minute").fill("600");
  await dialog.getByLabel("Name").fill("Free");
  await dialog.getByRole("button", { name: "Save plan" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("A plan named 'Free' already exists.");
  await expect(dialog.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");

  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Tokens per minute").fill("200000");
  await dialog.getByLabel("Overage $ / 1M tokens").fill("4.5");
  await dialog.getByRole("button", { name: "Save plan" }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText("600");
  await expect(row).toContainText("200K");
  await expect(row).toContainText("$4.50");

  const plans = await admin<{ data: { name: string; defaultRequestsPerMinute: number | null }[] }>(
    request,
    "GET",
    "/api/admin/plans",
  );
  expect(plans.data.find((p) => p.name === name)?.defaultRequestsPerMinute).toBe(600);
});
