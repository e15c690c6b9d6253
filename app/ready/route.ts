import { checkReadiness } from "@/lib/runtime/check-readiness";
import { peekGatewayRuntime } from "@/lib/runtime/gateway-runtime";
import { gatewayContext } from "@/lib/runtime/process-gateway";

export const dynamic = "force-dynamic";

/** Readiness: database reachable, every migration applied, the meter able to write. */
export async function GET() {
  const { databaseUrl } = await gatewayContext();
  const runtime = await peekGatewayRuntime();
  const result = await checkReadiness(databaseUrl, runtime?.meter.status());
  return Response.json(result, {
    status: result.ready ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
