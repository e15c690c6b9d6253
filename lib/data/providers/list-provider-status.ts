import { getPrisma } from "@/lib/db";
import type { Catalog } from "@/lib/gateway/catalog";
import { isForcedOpen, providerDownReason } from "./provider-down";

/**
 * Every known provider with what an operator needs: configured, simulated, online (and
 * if not, why: `offlineReason`), its own breaker's `state`, and each credential's breaker
 * state. Online is the negation of "down" (`provider-down.ts`), for an enabled provider
 * with credentials. No key material beyond the last 4 characters.
 */
export async function listProviderStatus({
  catalog,
  simulated,
}: {
  catalog: Catalog;
  simulated: boolean;
}) {
  const prisma = getPrisma();
  const [providers, credentials, breakers] = await Promise.all([
    prisma.provider.findMany({
      orderBy: { id: "asc" },
      include: { deployments: { where: { enabled: true }, select: { model: true } } },
    }),
    prisma.credential.findMany({
      where: { disabledAt: null, simulated },
      orderBy: { createdAt: "asc" },
    }),
    prisma.breakerState.findMany(),
  ]);
  const breakerOf = new Map(breakers.map((b) => [b.scopeKey, b]));
  return providers.map((p) => {
    const creds = credentials
      .filter((c) => c.providerId === p.id)
      .map((c) => {
        const b = breakerOf.get(`credential:${c.id}`);
        return {
          id: c.id,
          label: c.label,
          last4: c.last4,
          source: c.source,
          simulated: c.simulated,
          state: b?.state ?? "closed",
          lastErrorClass: b?.lastErrorClass ?? null,
          retryAt: b?.retryAt ?? null,
        };
      });
    const providerBreaker = breakerOf.get(`provider:${p.id}`);
    const live = catalog.credentialsByProvider.get(p.id)?.length ?? 0;
    const down = providerDownReason({
      providerState: providerBreaker?.state ?? "closed",
      credentialStates: creds.map((c) => c.state),
    });
    // Why it takes no traffic, in words: `state` is the provider's own breaker only, and
    // reads "closed" while every one of its keys is open.
    const offlineReason = !p.enabled
      ? "disabled"
      : live === 0
        ? "no credentials"
        : down === "provider_breaker"
          ? isForcedOpen(providerBreaker!)
            ? "provider breaker forced open"
            : `provider breaker ${providerBreaker!.state.replace("_", "-")}`
          : down === "no_credential_serving"
            ? "every credential's breaker is open or quarantined"
            : null;
    return {
      id: p.id,
      name: p.name,
      kind: p.kind,
      configured: creds.length > 0,
      simulated,
      enabled: p.enabled,
      online: offlineReason === null,
      offlineReason,
      state: providerBreaker?.state ?? "closed",
      models: p.deployments.map((d) => `${p.id}/${d.model}`),
      credentials: creds,
    };
  });
}
