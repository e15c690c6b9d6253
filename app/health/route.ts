export const dynamic = "force-dynamic";

/** Liveness: the process answers. No database round trip, so a DB outage does not get us killed. */
export function GET() {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
