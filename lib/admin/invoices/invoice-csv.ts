import type { InvoiceView } from "./invoice-view";

const cell = (v: string | number | null) => {
  const s = v === null ? "" : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * An invoice as CSV: one row per line (charge lines and the informational breakdown,
 * told apart by `kind`) and a final total row; money in integer micro-dollars.
 */
export function invoiceCsv(invoice: InvoiceView): string {
  const head = [
    "number",
    "tenantId",
    "period",
    "status",
    "currency",
    "kind",
    "description",
    "quantity",
    "unitMicros",
    "amountMicros",
  ];
  const base = [invoice.number, invoice.tenantId, invoice.period, invoice.status, invoice.currency];
  const rows = invoice.lines.map((l) => [
    ...base,
    l.kind,
    l.description,
    l.quantity,
    l.unitMicros,
    l.amountMicros,
  ]);
  rows.push([...base, "total", `Total ${invoice.total}`, null, null, invoice.totalMicros]);
  return [head, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}
