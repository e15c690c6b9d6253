import { adminRoute, parseJsonBody } from "@/lib/auth/admin-route";
import { issueApiKey } from "@/lib/admin/keys/issue-api-key";
import { KeyCreateSchema } from "@/lib/admin/keys/key-schemas";
import { listApiKeys } from "@/lib/admin/keys/list-api-keys";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

export const GET = adminRoute(async ({ params }) => ({
  data: await listApiKeys({ tenantId: params.id! }),
}));

export const POST = adminRoute(
  async ({ request, params, actor }) =>
    issueApiKey({
      tenantId: params.id!,
      input: await parseJsonBody(request, KeyCreateSchema),
      actor: actor.actor,
    }),
  201,
);

export const { PUT, PATCH, DELETE } = methodNotAllowed("GET", "POST");
