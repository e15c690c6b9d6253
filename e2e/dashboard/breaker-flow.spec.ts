import { expect, test, type Page } from "@playwright/test";
import OpenAI from "openai";
import { PROVIDER_ERRORS } from "../../lib/simulator/provider-errors";
import { admin, simulator, tenantWithKey } from "../support/admin-api";

// DeepSeek has two simulated credentials; the first one's key is made to look revoked.
const DEAD_KEY = "sim-deepseek-key-1";
const DEAD_LABEL = "deepseek-simulated-1";
const MODEL = "deepseek/deepseek-chat";

function credentialRow(page: Page) {
  return page
    .getByRole("table", { name: "Credentials" })
    .getByRole("row")
    .filter({ hasText: DEAD_LABEL });
}

/** The State column (label, key, state, ...). */
function stateCell(page: Page) {
  return credentialRow(page).getByRole("cell").nth(2);
}

test.describe.configure({ mode: "serial" });

test.afterAll(async ({ request }) => {
  await simulator.clear(request);
});

test("a revoked key opens, is quarantined, shows on the auth-failure timeline, and is closed from the UI after verification", async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const { key } = await tenantWithKey(request, `breaker tenant ${Date.now()}`);
  const client = new OpenAI({ apiKey: key, baseURL: `${baseURL}/v1`, maxRetries: 0 });
  const call = async () =>
    (
      await client.chat.completions.create({
        model: MODEL,
        messages: [{ role: "user", content: "ping" }],
      })
    ).choices[0]!.message.content;

  await simulator.fault(request, {
    match: { key: DEAD_KEY },
    ...PROVIDER_ERRORS.deepseek.authenticationFails,
  });
  await page.goto("/breakers");
  // Every call still succeeds (failover to the other DeepSeek key) while the dead one trips.
  await expect(async () => {
    expect(await call()).toBeTruthy();
    await expect(stateCell(page)).toHaveText("open", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(credentialRow(page)).toContainText("permanent auth");

  // After the probe delay one request is let through as the confirming probe: the same 401 quarantines.
  await expect(async () => {
    expect(await call()).toBeTruthy();
    await expect(stateCell(page)).toHaveText("quarantined", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });

  await page.goto("/auth-failures");
  await expect(page.getByTestId("auth-failure-total")).not.toHaveText(/^0 /);
  await expect(page.getByRole("table", { name: "Auth failure events" })).toContainText(DEAD_LABEL);
  await expect(page.getByRole("table", { name: "Auth failure events" })).toContainText("401");
  await expect(page.getByRole("list", { name: "Breaker transitions in range" })).toContainText(
    "quarantined",
  );

  // A close whose verification fails leaves the breaker as it was and says why.
  await page.goto("/breakers");
  await credentialRow(page)
    .getByRole("button", { name: `Close breaker of ${DEAD_LABEL}` })
    .click();
  let dialog = page.getByRole("dialog", { name: `Close breaker: ${DEAD_LABEL}` });
  await expect(dialog.getByRole("button", { name: "Verify first, then close" })).toBeDisabled();
  await dialog.getByLabel("Note (required)").fill("trying before the key is rotated");
  await dialog.getByRole("button", { name: "Verify first, then close" }).click();
  await expect(dialog.getByRole("alert")).toContainText(
    "Verification failed, the breaker stays quarantined",
  );
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(stateCell(page)).toHaveText("quarantined");

  // The key is rotated upstream: the simulator accepts it again; verify first, then close.
  await simulator.clear(request);
  await credentialRow(page)
    .getByRole("button", { name: `Close breaker of ${DEAD_LABEL}` })
    .click();
  dialog = page.getByRole("dialog", { name: `Close breaker: ${DEAD_LABEL}` });
  await dialog.getByLabel("Note (required)").fill("key rotated in the DeepSeek console");
  await dialog.getByRole("button", { name: "Verify first, then close" }).click();
  await expect(dialog.getByRole("status")).toContainText("Verified");
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(stateCell(page)).toHaveText("closed");

  // Traffic returns to the key.
  const before = await simulator.calls(request, DEAD_KEY);
  await expect(async () => {
    expect(await call()).toBeTruthy();
    expect(await simulator.calls(request, DEAD_KEY)).toBeGreaterThan(before);
  }).toPass({ timeout: 15_000 });

  // Its history names the person and the note.
  await credentialRow(page)
    .getByRole("button", { name: `History of ${DEAD_LABEL}` })
    .click();
  const history = page.getByRole("list", { name: `Transitions of ${DEAD_LABEL}` });
  await expect(history).toContainText("key rotated in the DeepSeek console");
  await expect(history).toContainText("admin@e2e.local");
  const audit = await admin<{ data: { action: string; actor: string }[] }>(
    request,
    "GET",
    "/api/admin/audit?action=breaker.closed",
  );
  expect(audit.data.some((a) => a.actor === "admin@e2e.local")).toBe(true);
});
