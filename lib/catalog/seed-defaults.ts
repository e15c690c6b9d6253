import { getPrisma } from "@/lib/db";
import { PROVIDERS } from "@/lib/gateway/providers/registry";
import { DEFAULT_DEPLOYMENTS, DEFAULT_PLANS } from "./default-catalog";

/** Idempotent: creates what is missing, never touches what an operator changed. */
export async function seedDefaults(): Promise<void> {
  const prisma = getPrisma();
  for (const p of PROVIDERS) {
    await prisma.provider.upsert({
      where: { id: p.id },
      create: { id: p.id, name: p.name, kind: p.kind, baseUrl: p.defaultBaseUrl },
      update: {},
    });
  }
  for (const d of DEFAULT_DEPLOYMENTS) {
    await prisma.deployment.upsert({
      where: { providerId_model: { providerId: d.providerId, model: d.model } },
      create: {
        providerId: d.providerId,
        model: d.model,
        aliases: d.aliases,
        inputPricePer1MMicros: BigInt(d.inputPricePer1MMicros),
        outputPricePer1MMicros: BigInt(d.outputPricePer1MMicros),
        cachedInputPricePer1MMicros:
          d.cachedInputPricePer1MMicros === null ? null : BigInt(d.cachedInputPricePer1MMicros),
        cacheWritePricePer1MMicros:
          d.cacheWritePricePer1MMicros == null ? null : BigInt(d.cacheWritePricePer1MMicros),
        contextWindow: d.contextWindow,
        kind: d.kind ?? "chat",
      },
      update: {},
    });
    // Databases seeded before cached prices existed get them once; an edited price is kept.
    await prisma.deployment.updateMany({
      where: {
        providerId: d.providerId,
        model: d.model,
        cachedInputPricePer1MMicros: null,
        cacheWritePricePer1MMicros: null,
      },
      data: {
        cachedInputPricePer1MMicros:
          d.cachedInputPricePer1MMicros === null ? null : BigInt(d.cachedInputPricePer1MMicros),
        cacheWritePricePer1MMicros:
          d.cacheWritePricePer1MMicros == null ? null : BigInt(d.cacheWritePricePer1MMicros),
      },
    });
  }
  for (const plan of DEFAULT_PLANS) {
    await prisma.plan.upsert({
      where: { name: plan.name },
      create: {
        name: plan.name,
        monthlyFeeMicros: BigInt(plan.monthlyFeeMicros),
        includedTokens: BigInt(plan.includedTokens),
        overagePricePer1MMicros: BigInt(plan.overagePricePer1MMicros),
        defaultRequestsPerMinute: plan.defaultRequestsPerMinute,
        allowOverage: plan.allowOverage,
      },
      update: {},
    });
  }
}
