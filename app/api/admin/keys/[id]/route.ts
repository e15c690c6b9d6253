import { adminRoute } from "@/lib/auth/admin-route";
import { revokeApiKey } from "@/lib/admin/keys/revoke-api-key";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

export const DELETE = adminRoute(async ({ params, actor }) =>
  revokeApiKey({ id: params.id!, actor: actor.actor }),
);

export const { GET, POST, PUT, PATCH } = methodNotAllowed("DELETE");
