import { z } from "zod";
import { adminRoute, parseJsonBody } from "@/lib/auth/admin-route";
import { addCredential } from "@/lib/admin/add-credential";
import { listCredentials } from "@/lib/data/credentials/list-credentials";
import { getGatewayRuntime } from "@/lib/runtime/gateway-runtime";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

const CredentialCreateSchema = z.strictObject({
  provider: z.string().min(1),
  key: z.string().trim().min(8, "key looks too short to be a provider key").max(1000),
  label: z.string().trim().min(1).max(100).optional(),
});

export const GET = adminRoute(async () => ({ data: await listCredentials() }));

export const POST = adminRoute(async ({ request, actor }) => {
  const input = await parseJsonBody(request, CredentialCreateSchema);
  return addCredential({
    providerId: input.provider,
    key: input.key,
    label: input.label,
    actor: actor.actor,
    runtime: await getGatewayRuntime(),
  });
}, 201);

export const { PUT, PATCH, DELETE } = methodNotAllowed("GET", "POST");
