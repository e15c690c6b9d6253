import { getPrisma } from "@/lib/db";
import type { BreakerSnapshot } from "@/lib/gateway/resilience/breaker-state";
import { snapshotFromRow } from "./breaker-row";

/** Every stored breaker, or only the named scopes. */
export async function loadBreakerStates({ scopeKeys }: { scopeKeys?: string[] } = {}): Promise<
  BreakerSnapshot[]
> {
  const rows = await getPrisma().breakerState.findMany({
    where: scopeKeys ? { scopeKey: { in: scopeKeys } } : {},
  });
  return rows.map(snapshotFromRow);
}
