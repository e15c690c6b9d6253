import { getInvoice } from "./get-invoice";
import { invoiceCsv } from "./invoice-csv";

/**
 * One invoice as JSON (the `InvoiceView`: integer micro-dollars, ISO dates), or as a CSV
 * download when asked for by `format=csv`, or by an `Accept` naming `text/csv` when no
 * format is given (a browser link or `curl -H 'accept: text/csv'`).
 * @throws ApiError `not_found`
 */
export async function showInvoice({
  id,
  format,
  accept,
}: {
  id: string;
  format?: "json" | "csv";
  accept: string | null;
}) {
  const invoice = await getInvoice({ id });
  const csv = format === "csv" || (format === undefined && (accept ?? "").includes("text/csv"));
  if (!csv) return invoice;
  return new Response(invoiceCsv(invoice), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${invoice.number ?? `draft-${invoice.id}`}.csv"`,
    },
  });
}
