import { generateInvoices } from "@/lib/admin/invoices/generate-invoices";
import { adminRoute, parseJsonBody } from "@/lib/auth/admin-route";
import { InvoiceGenerateSchema } from "@/lib/billing/billing-schemas";

export const POST = adminRoute(async ({ request }) => generateInvoices(await parseJsonBody(request, InvoiceGenerateSchema)));
