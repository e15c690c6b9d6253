import { publishClusterEvent } from "@/lib/cluster/cluster-events";
import { listPrices } from "./list-prices";
import type { PriceChange } from "./price-schemas";
import { writePrices } from "./write-prices";

/**
 * Changes deployment prices in one transaction, each change audited with before and
 * after; every instance reloads its catalog, so the next request is priced anew (rows
 * already metered keep their prices). Throws ApiError `not_found` for an unknown deployment.
 * @returns the whole price list after the change
 */
export async function updatePrices({ changes, actor }: { changes: PriceChange[]; actor: string }) {
  await writePrices({ changes, actor });
  await publishClusterEvent({ type: "catalog_changed" });
  return listPrices();
}
