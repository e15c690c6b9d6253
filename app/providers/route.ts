import { listProviderStatus } from "@/lib/data/providers/list-provider-status";
import { getGatewayRuntime } from "@/lib/runtime/gateway-runtime";

export const dynamic = "force-dynamic";

export async function GET() {
  const runtime = await getGatewayRuntime();
  const providers = await listProviderStatus({ catalog: runtime.catalog(), simulated: runtime.simulated });
  return Response.json({ simulated: runtime.simulated, providers }, { headers: { "cache-control": "no-store" } });
}
