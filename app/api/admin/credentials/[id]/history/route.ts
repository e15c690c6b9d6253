import { z } from "zod";
import { adminRoute, parseQuery } from "@/lib/auth/admin-route";
import { listBreakerEvents } from "@/lib/data/breakers/list-breaker-events";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

const QuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(1000).optional() });

export const GET = adminRoute(async ({ request, params }) => ({
  data: await listBreakerEvents({
    credentialId: params.id!,
    limit: parseQuery(request, QuerySchema).limit,
  }),
}));

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET");
