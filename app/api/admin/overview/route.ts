import { adminRoute } from "@/lib/auth/admin-route";
import { getOverview } from "@/lib/admin/overview/get-overview";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

export const GET = adminRoute(async () => getOverview());

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET");
