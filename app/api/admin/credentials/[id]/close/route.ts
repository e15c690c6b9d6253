import { z } from "zod";
import { adminRoute, parseJsonBody } from "@/lib/auth/admin-route";
import { closeBreaker } from "@/lib/admin/close-breaker";
import { getGatewayRuntime } from "@/lib/runtime/gateway-runtime";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

const CloseSchema = z.strictObject({
  note: z.string().trim().max(1000).optional(),
  verify: z.boolean().optional(),
});

export const POST = adminRoute(async ({ request, params, actor }) => {
  const { note, verify } = await parseJsonBody(request, CloseSchema);
  return closeBreaker({
    id: params.id!,
    note,
    verify,
    actor: actor.actor,
    runtime: await getGatewayRuntime(),
  });
});

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed("POST");
