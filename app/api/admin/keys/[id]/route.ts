import { adminRoute } from "@/lib/auth/admin-route";
import { revokeApiKey } from "@/lib/admin/revoke-api-key";

export const DELETE = adminRoute(async ({ params, actor }) => revokeApiKey({ id: params.id!, actor: actor.actor }));
