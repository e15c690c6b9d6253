import { adminRoute, parseJsonBody } from "@/lib/auth/admin-route";
import { updatePlan } from "@/lib/admin/plans/update-plan";
import { PlanUpdateSchema } from "@/lib/admin/plans/plan-schemas";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

export const PATCH = adminRoute(async ({ request, params, actor }) =>
  updatePlan({
    id: params.id!,
    input: await parseJsonBody(request, PlanUpdateSchema),
    actor: actor.actor,
  }),
);

export const { GET, POST, PUT, DELETE } = methodNotAllowed("PATCH");
