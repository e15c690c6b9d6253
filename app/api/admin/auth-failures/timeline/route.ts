import { z } from "zod";
import { adminRoute, parseQuery } from "@/lib/auth/admin-route";
import { authFailureTimeline } from "@/lib/data/credentials/auth-failure-timeline";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

const QuerySchema = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  credentialId: z.string().min(1).optional(),
});

/** 401/403 per credential per bucket over a range (default: the last hour), with breaker transitions. */
export const GET = adminRoute(async ({ request }) => {
  const q = parseQuery(request, QuerySchema);
  const to = q.to ? new Date(q.to) : new Date();
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - 60 * 60_000);
  return authFailureTimeline({ from, to, credentialId: q.credentialId });
});

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET");
