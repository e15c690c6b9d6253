import { adminRoute } from "@/lib/auth/admin-route";
import { getOverview } from "@/lib/admin/get-overview";
import { getGatewayRuntime } from "@/lib/runtime/gateway-runtime";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

export const GET = adminRoute(async () =>
  getOverview({ simulated: (await getGatewayRuntime()).simulated }),
);

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET");
