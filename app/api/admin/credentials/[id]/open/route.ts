import { z } from "zod";
import { adminRoute, parseJsonBody } from "@/lib/auth/admin-route";
import { setCredentialBreaker } from "@/lib/data/credentials/set-credential-breaker";
import { getGatewayRuntime } from "@/lib/runtime/gateway-runtime";

const NoteSchema = z.strictObject({ note: z.string().trim().max(1000).optional() });

export const POST = adminRoute(async ({ request, params, actor }) => {
  const { note } = await parseJsonBody(request, NoteSchema);
  const { breakers } = await getGatewayRuntime();
  return setCredentialBreaker({ id: params.id!, to: "open", note, actor: actor.actor, breakers });
});
