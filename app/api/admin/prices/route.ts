import { adminRoute, parseJsonBody } from "@/lib/auth/admin-route";
import { PricesUpdateSchema } from "@/lib/billing/billing-schemas";
import { listPrices } from "@/lib/data/prices/list-prices";
import { updatePrices } from "@/lib/data/prices/update-prices";
import { billingSettings } from "@/lib/runtime/billing-settings";

export const GET = adminRoute(async () => listPrices({ minMarginBps: billingSettings().minMarginBps }));

export const PUT = adminRoute(async ({ request, actor }) => {
  const { prices } = await parseJsonBody(request, PricesUpdateSchema);
  await updatePrices({ changes: prices, actor: actor.actor });
  return listPrices({ minMarginBps: billingSettings().minMarginBps });
});
