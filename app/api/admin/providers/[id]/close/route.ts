import { adminRoute, parseJsonBody } from "@/lib/auth/admin-route";
import { ProviderBreakerNoteSchema } from "@/lib/admin/providers/provider-schemas";
import { setProviderBreaker } from "@/lib/admin/providers/set-provider-breaker";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

export const POST = adminRoute(async ({ request, params, actor }) => {
  const { note } = await parseJsonBody(request, ProviderBreakerNoteSchema);
  return setProviderBreaker({ id: params.id!, to: "closed", note, actor: actor.actor });
});

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed("POST");
