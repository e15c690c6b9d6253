import { adminRoute } from "@/lib/auth/admin-route";
import { revokeApiKey } from "@/lib/data/keys/revoke-api-key";

export const DELETE = adminRoute(async ({ params, actor }) => revokeApiKey({ id: params.id!, actor: actor.actor }));
