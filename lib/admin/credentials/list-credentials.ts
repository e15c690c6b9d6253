import { latestBreakerReasons } from "./latest-breaker-reasons";
import { getPrisma } from "@/lib/db";
import { peekGatewayRuntime } from "@/lib/runtime/gateway-runtime";

/**
 * Provider credentials with their breaker state as stored (what every instance agrees
 * on). Key material never leaves: only the last four characters. `unusedWhileSimulated`
 * marks a real key kept while this instance serves from the simulator.
 */
export async function listCredentials({
  includeDisabled = false,
}: { includeDisabled?: boolean } = {}) {
  const prisma = getPrisma();
  const [credentials, breakers, reasons, runtime] = await Promise.all([
    prisma.credential.findMany({
      where: includeDisabled ? {} : { disabledAt: null },
      orderBy: [{ providerId: "asc" }, { createdAt: "asc" }],
    }),
    prisma.breakerState.findMany({ where: { scope: "credential" } }),
    latestBreakerReasons(),
    peekGatewayRuntime(),
  ]);
  const simulatedMode = runtime?.simulated ?? false;
  const byId = new Map(breakers.map((b) => [b.scopeId, b]));
  return credentials.map((c) => {
    const b = byId.get(c.id);
    return {
      id: c.id,
      provider: c.providerId,
      label: c.label,
      last4: c.last4,
      source: c.source,
      simulated: c.simulated,
      unusedWhileSimulated: simulatedMode && !c.simulated,
      disabled: c.disabledAt !== null,
      state: b?.state ?? "closed",
      lastErrorClass: b?.lastErrorClass ?? null,
      openedAt: b?.openedAt ?? null,
      retryAt: b?.retryAt ?? null,
      failures: b?.failures ?? 0,
      /** The newest failure's one-line summary (never key material), for the breakers table. */
      // A closed key has no current error: an old failed verification is history, not its state.
      lastError: b && b.state !== "closed" ? (reasons.get(c.id)?.reason ?? null) : null,
      createdAt: c.createdAt,
    };
  });
}
