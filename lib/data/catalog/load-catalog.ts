import { getPrisma } from "@/lib/db";
import type {
  Catalog,
  CatalogCredential,
  CatalogDeployment,
  CatalogProvider,
} from "@/lib/gateway/catalog";

export interface LoadCatalogOptions {
  /** Opens sealed provider keys. */
  openSecret: (sealed: string) => string;
  /** Base URL to use instead of the stored one (env overrides, or the simulator). */
  baseUrlFor: (providerId: string, stored: string) => string;
  /** Serve only simulator credentials (demo mode), or only real ones. */
  simulated: boolean;
}

/** Reads providers, usable credentials and enabled deployments into the hot path's snapshot. */
export async function loadCatalog({
  openSecret,
  baseUrlFor,
  simulated,
}: LoadCatalogOptions): Promise<Catalog> {
  const prisma = getPrisma();
  const [providers, credentials, deployments] = await Promise.all([
    prisma.provider.findMany(),
    prisma.credential.findMany({
      where: { disabledAt: null, simulated },
      // The id breaks ties: keys stored in one statement share a creation time, and
      // without it a reload could reorder them, and the rotation send one key two
      // requests in a row.
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
    prisma.deployment.findMany({ where: { enabled: true }, orderBy: { id: "asc" } }),
  ]);

  const providerMap = new Map<string, CatalogProvider>();
  for (const p of providers) {
    providerMap.set(p.id, {
      id: p.id,
      name: p.name,
      kind: p.kind,
      baseUrl: baseUrlFor(p.id, p.baseUrl),
      enabled: p.enabled,
      simulated,
    });
  }

  const credentialsByProvider = new Map<string, CatalogCredential[]>();
  for (const c of credentials) {
    let apiKey: string;
    try {
      apiKey = openSecret(c.encryptedKey);
    } catch {
      // Sealed with another GATEWAY_ENCRYPTION_KEY: unusable here, and said so at start-up.
      continue;
    }
    const list = credentialsByProvider.get(c.providerId) ?? [];
    list.push({
      id: c.id,
      providerId: c.providerId,
      label: c.label,
      apiKey,
      last4: c.last4,
      simulated: c.simulated,
    });
    credentialsByProvider.set(c.providerId, list);
  }

  const catalogDeployments: CatalogDeployment[] = deployments.map((d) => ({
    id: d.id,
    providerId: d.providerId,
    model: d.model,
    publicName: `${d.providerId}/${d.model}`,
    aliases: d.aliases,
    inputPricePer1MMicros: Number(d.inputPricePer1MMicros),
    outputPricePer1MMicros: Number(d.outputPricePer1MMicros),
    cachedInputPricePer1MMicros:
      d.cachedInputPricePer1MMicros === null ? null : Number(d.cachedInputPricePer1MMicros),
    cacheWritePricePer1MMicros:
      d.cacheWritePricePer1MMicros === null ? null : Number(d.cacheWritePricePer1MMicros),
    billedPricePer1MMicros:
      d.billedPricePer1MMicros === null ? null : Number(d.billedPricePer1MMicros),
    contextWindow: d.contextWindow,
    kind: d.kind,
  }));

  return { providers: providerMap, credentialsByProvider, deployments: catalogDeployments };
}
