import { adminRoute, parseJsonBody } from "@/lib/auth/admin-route";
import { DeploymentUpdateSchema } from "@/lib/admin/prices/price-schemas";
import { setDeploymentEnabled } from "@/lib/admin/prices/set-deployment-enabled";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

/** Enables or disables a deployment for routing (prices are changed through /api/admin/prices). */
export const PATCH = adminRoute(async ({ request, params, actor }) =>
  setDeploymentEnabled({
    id: params.id!,
    enabled: (await parseJsonBody(request, DeploymentUpdateSchema)).enabled,
    actor: actor.actor,
  }),
);

export const { GET, POST, PUT, DELETE } = methodNotAllowed("PATCH");
