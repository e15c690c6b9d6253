import type { WireOf } from "@/lib/admin/wire";
import type { listPrices } from "./list-prices";
import type { updatePrices } from "./update-prices";

/** The answers of the prices admin API, as the dashboard receives them. */

/** `GET /api/admin/prices`: every deployment's prices, micro-dollars per 1M tokens. */
export type PriceListWire = WireOf<typeof listPrices>;
/** One deployment's row of the price list. */
export type PriceRowWire = PriceListWire["data"][number];
/** `PUT /api/admin/prices`: the whole list after the change. */
export type PricesUpdatedWire = WireOf<typeof updatePrices>;
