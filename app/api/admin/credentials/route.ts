import { adminRoute, parseJsonBody } from "@/lib/auth/admin-route";
import { addCredential } from "@/lib/admin/credentials/add-credential";
import { CredentialCreateSchema } from "@/lib/admin/credentials/credential-schemas";
import { listCredentials } from "@/lib/admin/credentials/list-credentials";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

export const GET = adminRoute(async () => ({ data: await listCredentials() }));

export const POST = adminRoute(async ({ request, actor }) => {
  const input = await parseJsonBody(request, CredentialCreateSchema);
  return addCredential({
    providerId: input.provider,
    key: input.key,
    label: input.label,
    actor: actor.actor,
  });
}, 201);

export const { PUT, PATCH, DELETE } = methodNotAllowed("GET", "POST");
