import { toCsv, type CsvCell } from "@/lib/format/csv";
import type { InvoiceView } from "./invoice-view";

/**
 * An invoice as CSV: one row per line (charge lines and the informational breakdown,
 * told apart by `kind`) and a final total row; money in integer micro-dollars. Written by
 * the one CSV writer, so free text that reads as a formula is neutralised.
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
  const rows: CsvCell[][] = invoice.lines.map((l) => [
    ...base,
    l.kind,
    l.description,
    l.quantity,
    l.unitMicros,
    l.amountMicros,
  ]);
  rows.push([...base, "total", `Total ${invoice.total}`, null, null, invoice.totalMicros]);
  return toCsv(head, rows);
}
