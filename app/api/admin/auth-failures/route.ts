import { adminRoute, parseQuery } from "@/lib/auth/admin-route";
import { AuthFailuresQuerySchema } from "@/lib/admin/credentials/credential-schemas";
import { listAuthFailures } from "@/lib/admin/credentials/list-auth-failures";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

export const GET = adminRoute(async ({ request }) =>
  listAuthFailures(parseQuery(request, AuthFailuresQuerySchema)),
);

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET");
