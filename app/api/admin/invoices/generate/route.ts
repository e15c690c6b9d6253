import { generateInvoices } from "@/lib/admin/invoices/generate-invoices";
import { adminRoute, parseJsonBody } from "@/lib/auth/admin-route";
import { InvoiceGenerateSchema } from "@/lib/admin/invoices/invoice-schemas";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

export const POST = adminRoute(async ({ request }) =>
  generateInvoices(await parseJsonBody(request, InvoiceGenerateSchema)),
);

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed("POST");
