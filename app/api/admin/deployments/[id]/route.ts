import { z } from "zod";
import { adminRoute, parseJsonBody } from "@/lib/auth/admin-route";
import { setDeploymentEnabled } from "@/lib/data/deployments/set-deployment-enabled";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

const DeploymentUpdateSchema = z.strictObject({ enabled: z.boolean() });

/** Enables or disables a deployment for routing (prices are changed through /api/admin/prices). */
export const PATCH = adminRoute(async ({ request, params, actor }) =>
  setDeploymentEnabled({
    id: params.id!,
    enabled: (await parseJsonBody(request, DeploymentUpdateSchema)).enabled,
    actor: actor.actor,
  }),
);

export const { GET, POST, PUT, DELETE } = methodNotAllowed("PATCH");
