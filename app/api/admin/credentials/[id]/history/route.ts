import { adminRoute, parseQuery } from "@/lib/auth/admin-route";
import { BreakerHistoryQuerySchema } from "@/lib/admin/credentials/credential-schemas";
import { listBreakerEvents } from "@/lib/admin/credentials/list-breaker-events";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

export const GET = adminRoute(async ({ request, params }) => ({
  data: await listBreakerEvents({
    credentialId: params.id!,
    limit: parseQuery(request, BreakerHistoryQuerySchema).limit,
  }),
}));

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET");
