import { listPrices } from "@/lib/admin/list-prices";
import { updatePrices } from "@/lib/admin/update-prices";
import { adminRoute, parseJsonBody } from "@/lib/auth/admin-route";
import { PricesUpdateSchema } from "@/lib/billing/billing-schemas";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

export const GET = adminRoute(async () => listPrices());

export const PUT = adminRoute(async ({ request, actor }) =>
  updatePrices({
    changes: (await parseJsonBody(request, PricesUpdateSchema)).prices,
    actor: actor.actor,
  }),
);

export const { POST, PATCH, DELETE } = methodNotAllowed("GET", "PUT");
