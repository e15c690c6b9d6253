import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import OpenAI from "openai";
import { tenantWithKey } from "../support/admin-api";

test("add a deployment from the dashboard, call it with the openai client, edit it, disable it and see the call refused", async ({
  page,
  request,
  baseURL,
}) => {
  const tag = Date.now().toString(36);
  const model = `deepseek-e2e-${tag}`;
  const alias = `e2e-reasoner-${tag}`;
  const publicName = `deepseek/${model}`;
  const tenant = `Catalogue tenant ${tag}`;
  const { key } = await tenantWithKey(request, tenant);
  const client = new OpenAI({ apiKey: key, baseURL: `${baseURL}/v1`, maxRetries: 0 });

  await page.goto("/deployments");
  await expect(page.getByRole("heading", { level: 1, name: "Deployments" })).toBeVisible();
  await page.getByRole("button", { name: "Add deployment" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a deployment" });
  const submit = dialog.getByRole("button", { name: "Add deployment" });
  const error = dialog.getByRole("alert");
  const axe = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // The form refuses what the API refuses, in the API's words, before sending anything.
  await dialog.getByLabel("Upstream model id").fill(model);
  await dialog.getByLabel("Input $ / 1M", { exact: true }).fill("-1");
  await submit.click();
  await expect(error).toHaveText("Invalid value for 'provider': name a registered provider");
  await dialog.getByLabel("Provider").click();
  await page.getByRole("option", { name: "DeepSeek (deepseek)" }).click();
  await submit.click();
  await expect(error).toHaveText(
    "Invalid value for 'inputPricePer1MMicros': must be 0 or more (micro-dollars per 1M tokens)",
  );
  await expect(dialog.getByLabel("Input $ / 1M", { exact: true })).toHaveAttribute(
    "aria-invalid",
    "true",
  );

  // What only the API knows comes back as its error: this provider/model exists.
  await dialog.getByLabel("Upstream model id").fill("deepseek-chat");
  await dialog.getByLabel("Input $ / 1M", { exact: true }).fill("0.55");
  await dialog.getByLabel("Output $ / 1M").fill("2.19");
  await submit.click();
  await expect(error).toHaveText("A deployment 'deepseek/deepseek-chat' already exists.");
  await expect(dialog.getByLabel("Upstream model id")).toHaveAttribute("aria-invalid", "true");

  await dialog.getByLabel("Upstream model id").fill(model);
  await dialog.getByLabel("Aliases").fill(alias);
  await dialog.getByLabel("Context window").fill("64000");
  await submit.click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole("row").filter({ hasText: publicName });
  await expect(row).toContainText(`also ${alias}`);
  await expect(row).toContainText("$0.55");
  await expect(row).toContainText("$2.19");
  await expect(row.getByRole("switch", { name: `Routing for ${publicName}` })).toBeChecked();

  // Called by its alias with the official client, through the gateway.
  const { data: completion, response } = await client.chat.completions
    .create({
      model: alias,
      messages: [{ role: "user", content: "Hello from the catalogue test" }],
    })
    .withResponse();
  expect(completion.choices[0]!.message.content).toBeTruthy();
  expect(response.headers.get("x-gateway-provider")).toBe("deepseek");
  const requestId = response.headers.get("x-request-id")!;
  expect(requestId).toBeTruthy();

  await page.goto("/requests");
  const logged = page.getByRole("table", { name: "Request log" }).getByRole("row").filter({
    hasText: requestId,
  });
  await expect(logged).toBeVisible({ timeout: 20_000 });
  await expect(logged).toContainText(tenant);
  await expect(logged).toContainText("deepseek");
  await expect(logged).toContainText("200");

  // Edited: a new output price shows in the table.
  await page.goto("/deployments");
  await row.getByRole("button", { name: `Edit ${publicName}` }).click();
  const edit = page.getByRole("dialog", { name: `Edit ${publicName}` });
  await expect(edit.getByLabel("Aliases")).toHaveValue(alias);
  await edit.getByLabel("Output $ / 1M").fill("3");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit).toBeHidden();
  await expect(row).toContainText("$3.00");

  // Disabled: out of routing at once, and the call is refused with the API's 400.
  const toggle = row.getByRole("switch", { name: `Routing for ${publicName}` });
  await toggle.click();
  await expect(toggle).not.toBeChecked();
  await expect(row).toContainText("disabled");
  const refused = await client.chat.completions
    .create({ model: alias, messages: [{ role: "user", content: "Hello again" }] })
    .then(
      () => null,
      (err: unknown) => err,
    );
  expect(refused).toBeInstanceOf(OpenAI.APIError);
  expect(refused).toMatchObject({ status: 400, code: "model_not_found", param: "model" });
});
