import { DeploymentUpdateSchema } from "@/lib/admin/deployments/deployment-schemas";
import { updateDeployment } from "@/lib/admin/deployments/update-deployment";
import { adminRoute, parseJsonBody } from "@/lib/auth/admin-route";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

/** Edits a deployment; `{enabled}` alone takes it out of routing or puts it back. */
export const PATCH = adminRoute(async ({ request, params, actor }) =>
  updateDeployment({
    id: params.id!,
    change: await parseJsonBody(request, DeploymentUpdateSchema),
    actor: actor.actor,
  }),
);

export const { GET, POST, PUT, DELETE } = methodNotAllowed("PATCH");
