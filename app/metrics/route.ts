import { metrics } from "@/lib/observability/metrics";
import { getGatewayRuntime } from "@/lib/runtime/gateway-runtime";

export const dynamic = "force-dynamic";

/** Prometheus text format. */
export async function GET() {
  const runtime = await getGatewayRuntime();
  const m = metrics();
  const meter = runtime.meter.status();
  m.usageBufferDepth.set(meter.pending);
  m.usageMeterWritable.set(meter.writable ? 1 : 0);
  m.usageMeterAdmitting.set(meter.admitting ? 1 : 0);
  m.usageJournalBytes.set(meter.journalBytes);
  m.usageHeldEvents.set(meter.held);
  return new Response(await m.registry.metrics(), {
    headers: { "content-type": m.registry.contentType, "cache-control": "no-store" },
  });
}
