import { adminRoute } from "@/lib/auth/admin-route";
import { listProviders } from "@/lib/admin/providers/list-providers";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

export const GET = adminRoute(async () => listProviders());

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET");
