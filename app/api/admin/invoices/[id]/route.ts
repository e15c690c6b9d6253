import { invoiceCsv } from "@/lib/admin/invoices/invoice-csv";
import { adminRoute, parseQuery } from "@/lib/auth/admin-route";
import { InvoiceGetQuerySchema } from "@/lib/billing/billing-schemas";
import { getInvoice } from "@/lib/data/invoices/get-invoice";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

export const GET = adminRoute(async ({ request, params }) => {
  const { format } = parseQuery(request, InvoiceGetQuerySchema);
  const invoice = await getInvoice({ id: params.id! });
  const csv =
    format === "csv" ||
    (format === undefined && (request.headers.get("accept") ?? "").includes("text/csv"));
  if (!csv) return invoice;
  return new Response(invoiceCsv(invoice), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${invoice.number ?? `draft-${invoice.id}`}.csv"`,
    },
  });
});

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET");
