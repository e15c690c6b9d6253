import { expect, test } from "@playwright/test";
import OpenAI from "openai";
import { admin, simulator, tenantWithKey } from "../support/admin-api";

const MODEL = "openai/gpt-4o-mini";

test("a person forces a provider open and closes it again from the breakers page, audited with the note", async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(60_000);
  const { key } = await tenantWithKey(request, `force-open tenant ${Date.now()}`);
  const client = new OpenAI({ apiKey: key, baseURL: `${baseURL}/v1`, maxRetries: 0 });
  const call = () =>
    client.chat.completions
      .create({ model: MODEL, messages: [{ role: "user", content: "ping" }] })
      .then(
        () => 200,
        (err: { status?: number }) => err.status ?? 0,
      );
  expect(await call()).toBe(200);

  await page.goto("/breakers");
  const section = page.getByRole("region", { name: /^OpenAI/ });
  await expect(section.getByTestId("provider-state-openai")).toHaveText("closed");
  await section.getByRole("button", { name: "Force open provider OpenAI" }).click();
  let dialog = page.getByRole("dialog", { name: "Force open provider: OpenAI" });
  await expect(dialog.getByRole("button", { name: "Force open" })).toBeDisabled();
  await dialog.getByLabel("Note (required)").fill("provider incident, holding traffic");
  await dialog.getByRole("button", { name: "Force open" }).click();
  await expect(dialog).toHaveCount(0);

  await expect(section.getByTestId("provider-state-openai")).toHaveText("forced open");
  await expect(section).toContainText("none until a person closes it");
  await expect(section).toContainText("provider incident, holding traffic");
  await expect(section).toContainText("admin@e2e.local");
  await expect(page.getByRole("status").filter({ hasText: "Needs a person" })).toContainText(
    "1 provider down",
  );

  // No traffic reaches it: the request is refused without an upstream call.
  const before = await simulator.calls(request, "sim-openai-key-1");
  expect(await call()).toBe(503);
  expect(await simulator.calls(request, "sim-openai-key-1")).toBe(before);
  const status = (await (await request.get("/providers")).json()) as {
    providers: { id: string; online: boolean; offlineReason: string | null }[];
  };
  expect(status.providers.find((p) => p.id === "openai")).toMatchObject({
    online: false,
    offlineReason: "provider breaker forced open",
  });

  await section.getByRole("button", { name: "Close breaker of provider OpenAI" }).click();
  dialog = page.getByRole("dialog", { name: "Close provider breaker: OpenAI" });
  await dialog.getByLabel("Note (required)").fill("incident resolved upstream");
  await dialog.getByRole("button", { name: "Close breaker" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(section.getByTestId("provider-state-openai")).toHaveText("closed");
  await expect(page.getByRole("status").filter({ hasText: "Every provider up" })).toBeVisible();
  expect(await call()).toBe(200);

  const audit = await admin<{
    data: { action: string; actor: string; targetType: string; targetId: string }[];
  }>(request, "GET", "/api/admin/audit?action=breaker");
  for (const action of ["breaker.forced_open", "breaker.closed"])
    expect(
      audit.data.some(
        (a) =>
          a.action === action &&
          a.targetType === "provider" &&
          a.targetId === "openai" &&
          a.actor === "admin@e2e.local",
      ),
    ).toBe(true);
});
