import { adminRoute, parseJsonBody } from "@/lib/auth/admin-route";
import { KeyUpdateSchema } from "@/lib/admin/keys/key-schemas";
import { revokeApiKey } from "@/lib/admin/keys/revoke-api-key";
import { updateApiKey } from "@/lib/admin/keys/update-api-key";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

export const PATCH = adminRoute(async ({ request, params, actor }) =>
  updateApiKey({
    id: params.id!,
    input: await parseJsonBody(request, KeyUpdateSchema),
    actor: actor.actor,
  }),
);

export const DELETE = adminRoute(async ({ params, actor }) =>
  revokeApiKey({ id: params.id!, actor: actor.actor }),
);

export const { GET, POST, PUT } = methodNotAllowed("PATCH", "DELETE");
