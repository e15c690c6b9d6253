import { z } from "zod";
import { adminRoute, parseJsonBody } from "@/lib/auth/admin-route";
import { forceOpenBreaker } from "@/lib/admin/force-open-breaker";
import { getGatewayRuntime } from "@/lib/runtime/gateway-runtime";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

const NoteSchema = z.strictObject({ note: z.string().trim().max(1000).optional() });

export const POST = adminRoute(async ({ request, params, actor }) => {
  const { note } = await parseJsonBody(request, NoteSchema);
  return forceOpenBreaker({
    id: params.id!,
    note,
    actor: actor.actor,
    runtime: await getGatewayRuntime(),
  });
});

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed("POST");
