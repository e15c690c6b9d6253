import { expect, test } from "@playwright/test";
import { admin } from "../support/admin-api";

test("Add key offers every registered provider in a list and says, as the API does, when none is chosen", async ({
  page,
  request,
}) => {
  const registered = await admin<{ providers: { id: string; name: string }[] }>(
    request,
    "GET",
    "/api/admin/deployments",
  );
  await page.goto("/breakers");
  await page.getByRole("button", { name: "Add key" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a provider key" });
  await dialog.getByLabel("API key").fill("sk-not-sent-0123456789");
  await dialog.getByRole("button", { name: "Add and verify" }).click();
  await expect(dialog.getByRole("alert")).toHaveText(
    "Invalid value for 'provider': choose the provider the key belongs to",
  );

  await dialog.getByLabel("Provider").click();
  const options = page.getByRole("option");
  await expect(options).toHaveText(registered.providers.map((p) => `${p.name} (${p.id})`));
  await page.getByRole("option", { name: "Groq (groq)" }).click();
  await expect(dialog.getByLabel("Provider")).toHaveText(/Groq \(groq\)/);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
});
