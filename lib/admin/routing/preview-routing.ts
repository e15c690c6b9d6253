import { getGatewayRuntime } from "@/lib/runtime/gateway-runtime";
import { routingPreview } from "./routing-preview";
import type { RoutingPreviewQuery } from "./routing-schemas";

/**
 * The routing preview over this instance's live catalogue and breakers: what the gateway
 * here would do with such a request now (see `routingPreview`).
 */
export async function previewRouting(query: RoutingPreviewQuery) {
  const runtime = await getGatewayRuntime();
  return routingPreview(query, {
    catalog: runtime.catalog(),
    breakers: runtime.breakers.registry,
    now: Date.now(),
  });
}
