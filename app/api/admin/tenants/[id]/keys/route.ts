import { adminRoute, parseJsonBody } from "@/lib/auth/admin-route";
import { issueApiKey } from "@/lib/admin/issue-api-key";
import { listApiKeys } from "@/lib/data/keys/list-api-keys";
import { KeyCreateSchema } from "@/lib/tenants/tenant-schemas";
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
