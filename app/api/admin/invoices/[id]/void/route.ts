import { settleInvoice } from "@/lib/admin/invoices/settle-invoice";
import { adminRoute } from "@/lib/auth/admin-route";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

export const POST = adminRoute(async ({ params, actor }) =>
  settleInvoice({ id: params.id!, action: "void", actor: actor.actor }),
);

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed("POST");
