import { getPrisma } from "@/lib/db";

/**
 * Everything routing looks at, as stored: every deployment (enabled or not) with its
 * prices, providers, enabled credentials, and every breaker state.
 */
export async function listRoutingInputs({ simulated }: { simulated: boolean }) {
  const prisma = getPrisma();
  const [deployments, providers, credentials, breakers] = await Promise.all([
    prisma.deployment.findMany({ orderBy: [{ providerId: "asc" }, { model: "asc" }] }),
    prisma.provider.findMany(),
    prisma.credential.findMany({
      where: { disabledAt: null, simulated },
      orderBy: { createdAt: "asc" },
    }),
    prisma.breakerState.findMany(),
  ]);
  return {
    deployments: deployments.map((d) => ({
      id: d.id,
      providerId: d.providerId,
      model: d.model,
      aliases: d.aliases,
      enabled: d.enabled,
      inputPricePer1MMicros: Number(d.inputPricePer1MMicros),
      outputPricePer1MMicros: Number(d.outputPricePer1MMicros),
    })),
    providers: providers.map((p) => ({ id: p.id, name: p.name, enabled: p.enabled })),
    credentials: credentials.map((c) => ({
      id: c.id,
      providerId: c.providerId,
      label: c.label,
      last4: c.last4,
    })),
    breakers: breakers.map((b) => ({
      scopeKey: b.scopeKey,
      state: b.state,
      lastErrorClass: b.lastErrorClass,
      retryAt: b.retryAt,
    })),
  };
}

export type RoutingInputs = Awaited<ReturnType<typeof listRoutingInputs>>;
