import { settleInvoice } from "@/lib/admin/invoices/settle-invoice";
import { adminRoute } from "@/lib/auth/admin-route";

export const POST = adminRoute(async ({ params, actor }) => settleInvoice({ id: params.id!, action: "pay", actor: actor.actor }));
