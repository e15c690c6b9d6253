// Runs last (file order): the pages are photographed with the traffic, tenants and invoices the other specs made.
import { mkdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { admin, tenantWithKey } from "../support/admin-api";
import { dashboardPageFiles, urlFor } from "../support/route-files";

const SHOTS = path.join(import.meta.dirname, "../../test-results/screenshots");

/** Each page's heading, so a screenshot is taken only once the page has its data. */
const HEADINGS: Record<string, string | RegExp> = {
  "/": "Overview",
  "/alerts": "Alerts & audit",
  "/auth-failures": "Auth failures",
  "/breakers": "Providers & breakers",
  "/deployments": "Deployments",
  "/invoices": "Invoices",
  "/plans": "Plans",
  "/requests": "Requests",
  "/routing": "Prices & routing",
  "/settings": "Settings",
  "/spend": "Spend",
  "/tenants": "Tenants & keys",
  "/tenants/[id]": /Screenshot tenant/,
  "/invoices/[id]": /Invoice|Draft invoice/,
};

test("every page passes axe with no serious or critical violation, and is photographed light and dark", async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  mkdirSync(SHOTS, { recursive: true });
  const { tenantId } = await tenantWithKey(request, `Screenshot tenant ${Date.now()}`);
  const period = new Date().toISOString().slice(0, 7);
  await admin(request, "POST", "/api/admin/invoices/generate", { period, tenantId });
  const invoices = await admin<{ data: { id: string }[] }>(
    request,
    "GET",
    `/api/admin/invoices?tenantId=${tenantId}`,
  );
  const ids: Record<string, string> = { tenants: tenantId, invoices: invoices.data[0]!.id };

  const pages = dashboardPageFiles().map((file) => {
    const template = urlFor(file).replace("e2e-missing-id", "[id]");
    const url = template.replace(
      /^\/(\w+)\/\[id\]$/,
      (_m, section: string) => `/${section}/${ids[section]}`,
    );
    return { template, url };
  });
  expect(pages.map((p) => p.template).sort()).toEqual(Object.keys(HEADINGS).sort());

  for (const scheme of ["light", "dark"] as const) {
    const context = await browser.newContext({
      colorScheme: scheme,
      storageState: test.info().project.use.storageState as string,
      viewport: { width: 1366, height: 900 },
    });
    const page = await context.newPage();
    for (const { template, url } of pages) {
      await page.goto(url);
      await expect(page.getByRole("heading", { level: 1, name: HEADINGS[template] })).toBeVisible();
      await expect(page.getByText("Loading…")).toHaveCount(0);
      await expect(page.locator("html")).toHaveClass(scheme === "dark" ? /dark/ : /^(?!.*dark)/);
      const results = await new AxeBuilder({ page }).analyze();
      const bad = results.violations.filter(
        (v) => v.impact === "serious" || v.impact === "critical",
      );
      expect(
        bad.map(
          (v) =>
            `${url} [${scheme}] ${v.id}: ${v.help} (${v.nodes
              .map((n) => n.target.join(" "))
              .slice(0, 3)
              .join(", ")})`,
        ),
      ).toEqual([]);
      const name =
        template === "/" ? "overview" : template.slice(1).replace(/\//g, "-").replace(/[[\]]/g, "");
      await page.screenshot({ path: path.join(SHOTS, `${name}-${scheme}.png`), fullPage: true });
    }
    await context.close();
  }
});
