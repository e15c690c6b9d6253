import { InvoiceGetQuerySchema } from "@/lib/admin/invoices/invoice-schemas";
import { showInvoice } from "@/lib/admin/invoices/show-invoice";
import { adminRoute, parseQuery } from "@/lib/auth/admin-route";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

export const GET = adminRoute(async ({ request, params }) =>
  showInvoice({
    id: params.id!,
    format: parseQuery(request, InvoiceGetQuerySchema).format,
    accept: request.headers.get("accept"),
  }),
);

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET");
