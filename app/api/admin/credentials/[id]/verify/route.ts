import { adminRoute, parseJsonBody } from "@/lib/auth/admin-route";
import { BreakerNoteSchema } from "@/lib/admin/credentials/credential-schemas";
import { verifyCredential } from "@/lib/admin/credentials/verify-credential";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

export const POST = adminRoute(async ({ request, params, actor }) => {
  const { note } = await parseJsonBody(request, BreakerNoteSchema);
  return verifyCredential({ id: params.id!, note, actor: actor.actor });
});

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed("POST");
