import { issueInvoice } from "@/lib/admin/invoices/issue-invoice";
import { adminRoute } from "@/lib/auth/admin-route";

export const POST = adminRoute(async ({ params, actor }) => issueInvoice({ id: params.id!, actor: actor.actor }));
