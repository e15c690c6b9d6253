import { checkReadiness } from "@/lib/runtime/check-readiness";
import { gatewayContext } from "@/lib/runtime/process-gateway";

export const dynamic = "force-dynamic";

/** Readiness: database reachable and every migration applied. */
export async function GET() {
  const { databaseUrl } = await gatewayContext();
  const result = await checkReadiness(databaseUrl);
  return Response.json(result, { status: result.ready ? 200 : 503, headers: { "cache-control": "no-store" } });
}
