import { issueInvoice } from "@/lib/admin/invoices/issue-invoice";
import { adminRoute } from "@/lib/auth/admin-route";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

export const POST = adminRoute(async ({ params, actor }) =>
  issueInvoice({ id: params.id!, actor: actor.actor }),
);

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed("POST");
