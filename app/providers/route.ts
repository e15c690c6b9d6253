import { requireAdmin } from "@/lib/auth/admin-guard";
import { listProviderStatus } from "@/lib/data/providers/list-provider-status";
import { getGatewayRuntime } from "@/lib/runtime/gateway-runtime";
import { publicProviderStatus } from "@/lib/data/providers/public-provider-status";

export const dynamic = "force-dynamic";

/**
 * Every provider: configured, simulated, online. Credential labels, last-4 and breaker
 * details only with a dashboard session or the admin key; a status page or load
 * balancer needs no more than up or down.
 */
export async function GET(request: Request) {
  const runtime = await getGatewayRuntime();
  const providers = await listProviderStatus({
    catalog: runtime.catalog(),
    simulated: runtime.simulated,
  });
  const admitted = await requireAdmin(request).then(
    () => true,
    () => false,
  );
  return Response.json(
    {
      simulated: runtime.simulated,
      providers: admitted ? providers : providers.map(publicProviderStatus),
    },
    { headers: { "cache-control": "no-store", vary: "authorization, cookie" } },
  );
}
