import { mkdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import OpenAI from "openai";
import { PROVIDER_ERRORS } from "../../lib/simulator/provider-errors";
import { simulator, tenantWithKey } from "../support/admin-api";

// Every DeepSeek key answers 503 (overloaded): a provider-wide failure, so the provider's
// own breaker opens while each key's stays closed.
const KEYS = ["sim-deepseek-key-1", "sim-deepseek-key-2"];
const MODEL = "deepseek/deepseek-chat";
const SHOTS = path.join(import.meta.dirname, "../../test-results/outage");

test.describe.configure({ mode: "serial" });

test.afterAll(async ({ request }) => {
  await simulator.clear(request);
});

function deepseekSection(page: Page) {
  return page.getByRole("region", { name: /^DeepSeek/ });
}

async function expectNoAxeViolation(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${page.url()} ${v.id}: ${v.help}`)).toEqual([]);
}

/** The breakers page and the overview in the outage, light and dark, axe-checked in both. */
async function photograph(browser: Browser) {
  mkdirSync(SHOTS, { recursive: true });
  for (const scheme of ["light", "dark"] as const) {
    const context = await browser.newContext({
      colorScheme: scheme,
      storageState: test.info().project.use.storageState as string,
      viewport: { width: 1366, height: 900 },
    });
    const page = await context.newPage();
    await page.goto("/breakers");
    await expect(page.getByRole("status").filter({ hasText: "Needs a person" })).toContainText(
      "provider down",
    );
    await expectNoAxeViolation(page);
    await page.screenshot({ path: path.join(SHOTS, `breakers-${scheme}.png`), fullPage: true });
    await page.goto("/");
    await expect(page.getByRole("list", { name: "Providers down" })).toContainText("DeepSeek");
    await expectNoAxeViolation(page);
    await page.screenshot({ path: path.join(SHOTS, `overview-${scheme}.png`), fullPage: true });
    await context.close();
  }
}

test("a provider outage shows on the breakers page and the overview, and goes when the provider recovers", async ({
  page,
  request,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const { key } = await tenantWithKey(request, `outage tenant ${Date.now()}`);
  const client = new OpenAI({ apiKey: key, baseURL: `${baseURL}/v1`, maxRetries: 0 });
  const call = () =>
    client.chat.completions
      .create({ model: MODEL, messages: [{ role: "user", content: "ping" }] })
      .then(
        () => 200,
        (err: { status?: number }) => err.status ?? 0,
      );

  for (const k of KEYS)
    await simulator.fault(request, { match: { key: k }, ...PROVIDER_ERRORS.openai.overloaded });

  // Clients get 503 until the failure ratio opens DeepSeek's own breaker.
  await page.goto("/breakers");
  await expect(async () => {
    expect(await call()).toBe(503);
    await expect(deepseekSection(page).getByTestId("provider-state-deepseek")).toHaveText("open", {
      timeout: 1_000,
    });
  }).toPass({ timeout: 30_000 });
  const section = deepseekSection(page);
  await expect(section.getByRole("heading", { name: /DeepSeek/ })).toContainText("down");
  await expect(section).toContainText("its own breaker is not closed");
  // Why it is open: the failure ratio, or, once the timer's probe has run (under load it
  // can before this line), the failed probe; either way the provider's 503s. The page
  // refreshes itself, so a moment's half-open (probe in flight) passes.
  await expect(section).toContainText(
    /Why: (failure ratio over 50% within \d+ ms|probe failed): overloaded 503/,
  );
  await expect(page.getByRole("status").filter({ hasText: "Needs a person" })).toContainText(
    "1 provider down",
  );

  // The overview: the banner names the provider, and its failed attempts count against it.
  await page.goto("/");
  const banner = page.getByRole("region", { name: "Outage" });
  await expect(banner.getByRole("list", { name: "Providers down" })).toContainText("DeepSeek");
  await expect(banner.getByRole("list", { name: "Providers down" })).toContainText("next probe");
  await expect(banner.getByRole("link", { name: "Open providers & breakers" })).toBeVisible();
  const row = page
    .getByRole("table", { name: "Providers in the last hour" })
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: "deepseek", exact: true }) });
  await expect(row).toContainText("overloaded");
  await expect(row.getByRole("cell").nth(1)).not.toHaveText(/^0 /);
  await expect(page.getByTestId("before-upstream")).toBeVisible();
  await expect(page.getByRole("table", { name: "Providers in the last hour" })).not.toContainText(
    "(none)",
  );

  // /providers says the same, by the same definition.
  const status = (await (await request.get("/providers")).json()) as {
    providers: { id: string; online: boolean; offlineReason: string | null }[];
  };
  expect(status.providers.find((p) => p.id === "deepseek")).toMatchObject({
    online: false,
    // Half-open for the moment the timer's probe is in flight.
    offlineReason: expect.stringMatching(/^provider breaker (open|half-open)$/),
  });

  await photograph(browser);

  // Recovery with no client traffic: the faults are cleared and nothing calls /v1; the
  // gateway's own timer probe (one request, max_tokens 1, its cost the gateway's) finds
  // DeepSeek well and closes its breaker. The breakers page refreshes by itself.
  await simulator.clear(request);
  const clearedAt = Date.now();
  await page.goto("/breakers");
  await expect(deepseekSection(page).getByTestId("provider-state-deepseek")).toHaveText("closed", {
    timeout: 60_000,
  });
  console.log(
    `[outage] DeepSeek's breaker closed ${Date.now() - clearedAt} ms after the faults were cleared, with no client request`,
  );
  await page.screenshot({ path: path.join(SHOTS, "breakers-recovered.png"), fullPage: true });
  await page.goto("/");
  await expect(page.getByRole("region", { name: "Outage" })).toHaveCount(0);
  await page.goto("/breakers");
  await expect(deepseekSection(page).getByTestId("provider-state-deepseek")).toHaveText("closed");
  await expect(page.getByRole("status").filter({ hasText: "Every provider up" })).toBeVisible();
});
