import { adminRoute, parseQuery } from "@/lib/auth/admin-route";
import { authFailureTimeline } from "@/lib/admin/credentials/auth-failure-timeline";
import { AuthFailureTimelineQuerySchema } from "@/lib/admin/credentials/credential-schemas";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

/** 401/403 per credential per bucket over a range (default: the last hour), with breaker transitions. */
export const GET = adminRoute(async ({ request }) =>
  authFailureTimeline(parseQuery(request, AuthFailureTimelineQuerySchema)),
);

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET");
