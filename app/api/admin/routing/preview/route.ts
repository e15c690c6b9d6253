import { z } from "zod";
import { adminRoute, parseQuery } from "@/lib/auth/admin-route";
import { previewRouting } from "@/lib/admin/preview-routing";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

const QuerySchema = z.object({ model: z.string().trim().min(1).max(300).default("auto") });

/** What a model name would be routed to right now, each candidate with its price, breaker state and skip reason. */
export const GET = adminRoute(async ({ request }) =>
  previewRouting({ model: parseQuery(request, QuerySchema).model }),
);

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET");
