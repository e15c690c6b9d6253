import { adminRoute, parseQuery } from "@/lib/auth/admin-route";
import { previewRouting } from "@/lib/admin/routing/preview-routing";
import { RoutingPreviewQuerySchema } from "@/lib/admin/routing/routing-schemas";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

/** What a model name would be routed to right now, each candidate with its price, breaker state and skip reason. */
export const GET = adminRoute(async ({ request }) =>
  previewRouting(parseQuery(request, RoutingPreviewQuerySchema)),
);

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET");
