import { listPrices } from "@/lib/admin/prices/list-prices";
import { PriceListQuerySchema, PricesUpdateSchema } from "@/lib/admin/prices/price-schemas";
import { updatePrices } from "@/lib/admin/prices/update-prices";
import { adminRoute, parseJsonBody, parseQuery } from "@/lib/auth/admin-route";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

export const GET = adminRoute(async ({ request }) =>
  listPrices(parseQuery(request, PriceListQuerySchema)),
);

export const PUT = adminRoute(async ({ request, actor }) =>
  updatePrices({
    changes: (await parseJsonBody(request, PricesUpdateSchema)).prices,
    actor: actor.actor,
  }),
);

export const { POST, PATCH, DELETE } = methodNotAllowed("GET", "PUT");
