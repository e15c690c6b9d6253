import { adminRoute, parseJsonBody } from "@/lib/auth/admin-route";
import { KeyRotateSchema } from "@/lib/admin/keys/key-schemas";
import { rotateApiKey } from "@/lib/admin/keys/rotate-api-key";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

export const POST = adminRoute(async ({ request, params, actor }) =>
  rotateApiKey({
    id: params.id!,
    input: await parseJsonBody(request, KeyRotateSchema),
    actor: actor.actor,
  }),
);

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed("POST");
