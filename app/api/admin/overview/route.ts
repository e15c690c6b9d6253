import { adminRoute } from "@/lib/auth/admin-route";
import { getOverview } from "@/lib/admin/get-overview";
import { getGatewayRuntime } from "@/lib/runtime/gateway-runtime";

export const GET = adminRoute(async () => getOverview({ simulated: (await getGatewayRuntime()).simulated }));
