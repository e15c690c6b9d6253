import { checkReadiness } from "@/lib/runtime/check-readiness";

export const dynamic = "force-dynamic";

/** Readiness: database reachable and every migration applied. */
export async function GET() {
  const result = await checkReadiness();
  return Response.json(result, { status: result.ready ? 200 : 503, headers: { "cache-control": "no-store" } });
}
