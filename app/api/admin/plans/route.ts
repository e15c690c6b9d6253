import { adminRoute, parseJsonBody } from "@/lib/auth/admin-route";
import { createPlan } from "@/lib/admin/plans/create-plan";
import { listPlans } from "@/lib/admin/plans/list-plans";
import { PlanCreateSchema } from "@/lib/admin/plans/plan-schemas";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

export const GET = adminRoute(async () => ({ data: await listPlans() }));

export const POST = adminRoute(
  async ({ request, actor }) =>
    createPlan({ input: await parseJsonBody(request, PlanCreateSchema), actor: actor.actor }),
  201,
);

export const { PUT, PATCH, DELETE } = methodNotAllowed("GET", "POST");
