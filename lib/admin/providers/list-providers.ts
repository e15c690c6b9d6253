import { listCredentials } from "@/lib/admin/credentials/list-credentials";
import { getPrisma } from "@/lib/db";
import { isForcedOpen, providerDownReason } from "@/lib/data/providers/provider-down";
import { attentionOf } from "./attention";
import { latestProviderEvents } from "./latest-provider-events";

/**
 * Every provider that has credentials, with its own breaker as stored (what every
 * instance agrees on) above its credentials: `state` (closed, open, half_open,
 * quarantined), `forced` (open with no retry time: a person's, `forcedBy` and `note`
 * say whose and why), `openedAt`, `retryAt` (next probe; null when closed or forced),
 * `reason` (the newest transition's, null when closed), and `down`/`downReason` by the
 * one definition (`lib/data/providers/provider-down.ts`). Providers down come first.
 * `attention` counts what needs a person for the strip and the overview banner;
 * `registered` is every provider a key can be added for (`{id, name}`), keys or not.
 */
export async function listProviders() {
  const [providers, credentials, breakers, events] = await Promise.all([
    getPrisma().provider.findMany({
      orderBy: { id: "asc" },
      select: { id: true, name: true, enabled: true },
    }),
    listCredentials(),
    getPrisma().breakerState.findMany({ where: { scope: "provider" } }),
    latestProviderEvents(),
  ]);
  const breakerOf = new Map(breakers.map((b) => [b.scopeId, b]));
  const rows = providers
    .map((p) => {
      const creds = credentials.filter((c) => c.provider === p.id);
      const b = breakerOf.get(p.id);
      const state = b?.state ?? "closed";
      const forced = b ? isForcedOpen(b) : false;
      const event = events.get(p.id);
      const downReason = providerDownReason({
        providerState: state,
        credentialStates: creds.map((c) => c.state),
      });
      return {
        provider: p.id,
        name: p.name,
        enabled: p.enabled,
        state,
        forced,
        forcedBy: forced ? (event?.actor ?? null) : null,
        note: state === "closed" ? null : (event?.note ?? null),
        lastErrorClass: b?.lastErrorClass ?? null,
        openedAt: b?.openedAt ?? null,
        retryAt: b?.retryAt ?? null,
        failures: b?.failures ?? 0,
        reason: state === "closed" ? null : (event?.reason ?? null),
        down: downReason !== null,
        downReason,
        /** The earliest time something of this provider is probed again (its breaker or a key's), for "next probe". */
        nextProbeAt: earliest([
          state === "open" ? (b?.retryAt ?? null) : null,
          ...creds.map((c) => (c.state === "open" ? c.retryAt : null)),
        ]),
        credentials: creds,
      };
    })
    .filter((p) => p.credentials.length > 0)
    .sort((a, b) => Number(b.down) - Number(a.down) || a.provider.localeCompare(b.provider));
  // Every registered provider, with keys or not: what "Add key" offers.
  const registered = providers.map((p) => ({ id: p.id, name: p.name }));
  return { data: rows, attention: attentionOf(rows), registered };
}

function earliest(times: (Date | null)[]): Date | null {
  const set = times.filter((t): t is Date => t !== null);
  return set.length === 0 ? null : new Date(Math.min(...set.map((t) => t.getTime())));
}
