import { adminRoute, parseQuery } from "@/lib/auth/admin-route";
import { InvoicesQuerySchema } from "@/lib/billing/billing-schemas";
import { listInvoices } from "@/lib/data/invoices/list-invoices";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

export const GET = adminRoute(async ({ request }) =>
  listInvoices(parseQuery(request, InvoicesQuerySchema)),
);

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET");
