import { z } from "zod";
import { adminRoute, parseQuery } from "@/lib/auth/admin-route";
import { listAuthFailures } from "@/lib/data/credentials/list-auth-failures";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

const QuerySchema = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  credentialId: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).optional(),
});

export const GET = adminRoute(async ({ request }) => {
  const q = parseQuery(request, QuerySchema);
  return listAuthFailures({
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    credentialId: q.credentialId,
    limit: q.limit,
  });
});

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET");
