import { expect, test } from "@playwright/test";

test("the prices table and the routing preview keep chat and embedding deployments apart", async ({
  page,
}) => {
  await page.goto("/routing");
  const prices = page.getByRole("table", { name: "Deployment prices" });
  await expect(prices.getByRole("row").filter({ hasText: "deepseek/deepseek-chat" })).toHaveCount(
    1,
  );

  await page.getByLabel("Show").selectOption("embedding");
  await expect(prices.getByRole("row", { name: /^openai\/text-embedding-3-small / })).toContainText(
    "embeddings",
  );
  await expect(prices.getByRole("row").filter({ hasText: "deepseek/deepseek-chat" })).toHaveCount(
    0,
  );

  // An embeddings request for the model routes to an embedding deployment; as a chat
  // request the same name is refused with the gateway's own words.
  await page.getByLabel("Model").fill("text-embedding-3-small");
  await page.getByLabel("Request").selectOption("embedding");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("status").filter({ hasText: "would go to" })).toContainText(
    "text-embedding-3-small",
  );
  await page.getByLabel("Request").selectOption("chat");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByText("is an embedding model: it serves /v1/embeddings")).toBeVisible();
});
