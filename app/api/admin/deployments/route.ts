import { createDeployment } from "@/lib/admin/deployments/create-deployment";
import { DeploymentCreateSchema } from "@/lib/admin/deployments/deployment-schemas";
import { listDeployments } from "@/lib/admin/deployments/list-deployments";
import { adminRoute, parseJsonBody } from "@/lib/auth/admin-route";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

/** The catalogue: every deployment with the registered providers; POST adds one. */
export const GET = adminRoute(async () => listDeployments());

export const POST = adminRoute(
  async ({ request, actor }) =>
    createDeployment({
      input: await parseJsonBody(request, DeploymentCreateSchema),
      actor: actor.actor,
    }),
  201,
);

export const { PUT, PATCH, DELETE } = methodNotAllowed("GET", "POST");
