import { listRoutingInputs } from "@/lib/data/deployments/list-routing-inputs";
import { getGatewayRuntime } from "@/lib/runtime/gateway-runtime";
import { routingPreview } from "./routing-preview";

/** Routing preview from stored state, for the credentials this instance serves with (simulated or live). */
export async function previewRouting({ model }: { model: string }) {
  const { simulated } = await getGatewayRuntime();
  return routingPreview(model, await listRoutingInputs({ simulated }));
}
