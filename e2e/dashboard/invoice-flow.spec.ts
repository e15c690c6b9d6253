import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import OpenAI from "openai";
import { tenantWithKey } from "../support/admin-api";

/** "$1,234.56" -> 123456 cents. */
function cents(text: string): number {
  return Math.round(Number(text.replace(/[^0-9.-]/g, "")) * 100);
}

test("generate this month's invoice, open it, print it to PDF, and download a CSV whose total matches the page", async ({
  page,
  request,
  baseURL,
}, testInfo) => {
  const name = `Invoice tenant ${Date.now()}`;
  const { tenantId, key } = await tenantWithKey(request, name);
  const client = new OpenAI({ apiKey: key, baseURL: `${baseURL}/v1` });
  await client.chat.completions.create({
    model: "auto",
    messages: [{ role: "user", content: "Something to bill" }],
  });

  await page.goto("/invoices");
  const generate = page.getByRole("form", { name: "Generate invoices" });
  await generate.getByLabel("Tenant").selectOption(tenantId);
  await generate.getByRole("button", { name: "Generate invoices" }).click();
  await expect(page.getByText("Invoices generated.")).toBeVisible();

  const filter = page.getByRole("form", { name: "Filter invoices" });
  await filter.getByLabel("Tenant").selectOption(tenantId);
  await filter.getByRole("button", { name: "Apply filters" }).click();
  const row = page
    .getByRole("table", { name: "Invoices" })
    .getByRole("row")
    .filter({ hasText: name });
  await expect(row).toHaveCount(1);
  await row.getByRole("link").click();
  await expect(page.getByRole("table", { name: "Invoice lines" })).toBeVisible();
  const pageTotal = (await page.getByTestId("invoice-total").textContent()) ?? "";
  expect(pageTotal).toMatch(/\$\d/);

  // Printing hides the navigation and the buttons; the PDF is a real document.
  await page.emulateMedia({ media: "print", colorScheme: "light" });
  await expect(page.getByRole("navigation", { name: "Dashboard" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
  for (const format of ["A4", "Letter"] as const) {
    const pdf = await page.pdf({ format, printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.length).toBeGreaterThan(2_000);
    await testInfo.attach(`invoice-${format}.pdf`, { body: pdf, contentType: "application/pdf" });
  }
  await page.emulateMedia({ media: "screen" });

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download CSV" }).click(),
  ]);
  const csv = readFileSync((await download.path())!, "utf8");
  const lines = csv
    .trim()
    .split(/\r?\n/)
    .map((l) => l.split(","));
  const header = lines[0]!;
  const totalRow = lines.find((l) => l[header.indexOf("kind")] === "total");
  expect(totalRow, csv).toBeTruthy();
  const totalMicros = Number(totalRow![header.indexOf("amountMicros")]);
  expect(Math.round(totalMicros / 10_000)).toBe(cents(pageTotal));
});
