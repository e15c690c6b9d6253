import { recordAuditEvent } from "@/lib/admin/audit/record-audit-event";
import { getPrisma } from "@/lib/db";
import { ApiError } from "@/lib/errors";
import { providerScopeKey } from "@/lib/gateway/resilience/breaker-registry";
import { episodeOf } from "@/lib/gateway/resilience/breaker-state";
import { getGatewayRuntime } from "@/lib/runtime/gateway-runtime";
import type { BreakerService } from "@/lib/runtime/breaker-service";

/**
 * A person closes a provider's own breaker, or forces it open (`to: "open"`: open with no
 * retry time, so nothing probes it until someone closes it). Stored, broadcast to every
 * instance, applied here at once and audited as `breaker.closed` / `breaker.forced_open`
 * with target type `provider`, exactly as a credential's. `runtime` defaults to this
 * process's gateway runtime. Returns `{provider, state, forced, lastErrorClass, retryAt}`.
 * Throws ApiError `not_found` for an unknown provider.
 */
export async function setProviderBreaker({
  id,
  to,
  note,
  actor,
  runtime: given,
}: {
  id: string;
  to: "closed" | "open";
  note?: string;
  actor: string;
  runtime?: { breakers: BreakerService };
}) {
  const provider = await getPrisma().provider.findUnique({ where: { id } });
  if (!provider) throw new ApiError("not_found", `No provider with id '${id}'.`);
  const runtime = given ?? (await getGatewayRuntime());
  const snapshot = await runtime.breakers.setManually(
    { scopeKey: providerScopeKey(id), scope: "provider", scopeId: id, providerId: id },
    to,
    actor,
    note,
  );
  await recordAuditEvent({
    actor,
    action: to === "closed" ? "breaker.closed" : "breaker.forced_open",
    targetType: "provider",
    targetId: id,
    details: { note: note ?? null, provider: id },
  });
  const { lastErrorClass, retryAt } = episodeOf(snapshot);
  return {
    provider: id,
    state: snapshot.state,
    forced: snapshot.state === "open" && retryAt === null,
    lastErrorClass,
    retryAt: retryAt === null ? null : new Date(retryAt),
  };
}
