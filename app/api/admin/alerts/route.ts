import { z } from "zod";
import { adminRoute, parseQuery } from "@/lib/auth/admin-route";
import { listAlerts } from "@/lib/data/alerts/list-alerts";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

const QuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(500).optional() });

export const GET = adminRoute(async ({ request }) => ({
  data: await listAlerts({ limit: parseQuery(request, QuerySchema).limit ?? 100 }),
}));

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET");
