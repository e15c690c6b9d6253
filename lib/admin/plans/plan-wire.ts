import type { WireOf } from "../wire";
import type { createPlan } from "./create-plan";
import type { listPlans } from "./list-plans";
import type { updatePlan } from "./update-plan";

/** GET /api/admin/plans: every plan with its tenant count. */
export type PlanListWire = { data: WireOf<typeof listPlans> };
/** POST /api/admin/plans (201). */
export type PlanCreatedWire = WireOf<typeof createPlan>;
/** PATCH /api/admin/plans/{id}. */
export type PlanUpdatedWire = WireOf<typeof updatePlan>;
