import { InvoicesQuerySchema } from "@/lib/admin/invoices/invoice-schemas";
import { listInvoices } from "@/lib/admin/invoices/list-invoices";
import { adminRoute, parseQuery } from "@/lib/auth/admin-route";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

export const GET = adminRoute(async ({ request }) =>
  listInvoices(parseQuery(request, InvoicesQuerySchema)),
);

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET");
