import { expect, test } from "@playwright/test";
import {
  adminRouteFiles,
  dashboardPageFiles,
  exportedMethods,
  urlFor,
} from "../support/route-files";

/**
 * Every admin route and every dashboard page, written out. A new route or page fails
 * the first test until it is added here, so nothing ships without its signed-out check.
 */
const ADMIN_ROUTES = [
  "app/api/admin/alerts/route.ts",
  "app/api/admin/audit/route.ts",
  "app/api/admin/auth-failures/route.ts",
  "app/api/admin/auth-failures/timeline/route.ts",
  "app/api/admin/credentials/[id]/close/route.ts",
  "app/api/admin/credentials/[id]/history/route.ts",
  "app/api/admin/credentials/[id]/open/route.ts",
  "app/api/admin/credentials/[id]/verify/route.ts",
  "app/api/admin/credentials/route.ts",
  "app/api/admin/deployments/[id]/route.ts",
  "app/api/admin/deployments/route.ts",
  "app/api/admin/invoices/[id]/issue/route.ts",
  "app/api/admin/invoices/[id]/pay/route.ts",
  "app/api/admin/invoices/[id]/route.ts",
  "app/api/admin/invoices/[id]/void/route.ts",
  "app/api/admin/invoices/generate/route.ts",
  "app/api/admin/invoices/route.ts",
  "app/api/admin/keys/[id]/rotate/route.ts",
  "app/api/admin/keys/[id]/route.ts",
  "app/api/admin/overview/route.ts",
  "app/api/admin/plans/[id]/route.ts",
  "app/api/admin/plans/route.ts",
  "app/api/admin/prices/route.ts",
  "app/api/admin/providers/[id]/close/route.ts",
  "app/api/admin/providers/[id]/open/route.ts",
  "app/api/admin/providers/route.ts",
  "app/api/admin/requests/route.ts",
  "app/api/admin/routing/preview/route.ts",
  "app/api/admin/settings/route.ts",
  "app/api/admin/settings/test-alert/route.ts",
  "app/api/admin/tenants/[id]/keys/route.ts",
  "app/api/admin/tenants/[id]/route.ts",
  "app/api/admin/tenants/route.ts",
  "app/api/admin/usage/route.ts",
  "app/api/admin/users/[id]/route.ts",
  "app/api/admin/users/[id]/sessions/route.ts",
  "app/api/admin/users/route.ts",
];

const PAGES = [
  "app/(dashboard)/page.tsx",
  "app/(dashboard)/alerts/page.tsx",
  "app/(dashboard)/auth-failures/page.tsx",
  "app/(dashboard)/breakers/page.tsx",
  "app/(dashboard)/deployments/page.tsx",
  "app/(dashboard)/invoices/[id]/page.tsx",
  "app/(dashboard)/invoices/page.tsx",
  "app/(dashboard)/plans/page.tsx",
  "app/(dashboard)/requests/page.tsx",
  "app/(dashboard)/routing/page.tsx",
  "app/(dashboard)/settings/page.tsx",
  "app/(dashboard)/spend/page.tsx",
  "app/(dashboard)/tenants/[id]/page.tsx",
  "app/(dashboard)/tenants/page.tsx",
];

test("the lists above name every admin route file and every dashboard page", () => {
  expect(adminRouteFiles()).toEqual([...ADMIN_ROUTES].sort());
  expect(dashboardPageFiles()).toEqual([...PAGES].sort());
});

test("every admin route answers 401 without a session or the admin key, and with a wrong key", async ({
  request,
}) => {
  const calls: string[] = [];
  for (const file of ADMIN_ROUTES) {
    const methods = exportedMethods(file);
    expect(methods.length, `${file} exports no handler`).toBeGreaterThan(0);
    for (const method of methods) {
      for (const headers of [{}, { authorization: "Bearer gwadmin-wrong-key" }] as Record<
        string,
        string
      >[]) {
        const res = await request.fetch(urlFor(file), {
          method,
          headers,
          data: method === "GET" ? undefined : {},
          maxRedirects: 0,
        });
        expect(res.status(), `${method} ${urlFor(file)}`).toBe(401);
        const body = await res.json();
        expect(body.error.code).toBe("unauthorized");
      }
      calls.push(`${method} ${urlFor(file)}`);
    }
  }
  expect(calls.length).toBeGreaterThanOrEqual(ADMIN_ROUTES.length);
});

test("every dashboard page sends a signed-out visitor to /login", async ({ page }) => {
  for (const file of PAGES) {
    const url = urlFor(file);
    await page.goto(url);
    await expect(page, url).toHaveURL(/\/login$/);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  }
});
