import { adminRoute, parseJsonBody } from "@/lib/auth/admin-route";
import { closeBreaker } from "@/lib/admin/credentials/close-breaker";
import { BreakerCloseSchema } from "@/lib/admin/credentials/credential-schemas";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

export const POST = adminRoute(async ({ request, params, actor }) => {
  const { note, verify } = await parseJsonBody(request, BreakerCloseSchema);
  return closeBreaker({ id: params.id!, note, verify, actor: actor.actor });
});

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed("POST");
