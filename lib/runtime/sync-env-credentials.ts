import type { ProviderEnv } from "@/lib/config";
import type { SecretBox } from "@/lib/crypto/secret-box";
import { sha256Hex as fingerprint } from "@/lib/crypto/sha256";
import { getPrisma } from "@/lib/db";
import { PROVIDERS } from "@/lib/gateway/providers/registry";

/**
 * Provider keys from the environment (`DEEPSEEK_API_KEY=k1,k2` = two credentials)
 * become credential rows, encrypted, one per distinct key: a restart finds the same
 * rows, so breaker history survives. Keys no longer in the environment are disabled.
 */
export async function syncEnvCredentials(
  box: SecretBox,
  providers: Readonly<Record<string, ProviderEnv>>,
): Promise<number> {
  const prisma = getPrisma();
  let count = 0;
  for (const p of PROVIDERS) {
    if (!p.keyEnv) continue;
    const keys = providers[p.id]?.keys ?? [];
    const seen: string[] = [];
    for (const [i, key] of keys.entries()) {
      const fp = fingerprint(key);
      seen.push(fp);
      await prisma.credential.upsert({
        where: { providerId_fingerprint: { providerId: p.id, fingerprint: fp } },
        create: {
          providerId: p.id,
          label: `${p.id}-env-${i + 1}`,
          source: "env",
          encryptedKey: box.seal(key),
          last4: key.slice(-4),
          fingerprint: fp,
        },
        update: { disabledAt: null, encryptedKey: box.seal(key) },
      });
      count++;
    }
    await prisma.credential.updateMany({
      where: { providerId: p.id, source: "env", fingerprint: { notIn: seen }, disabledAt: null },
      data: { disabledAt: new Date() },
    });
  }
  return count;
}

/**
 * Demo mode's credentials: two per provider, so failover between keys can be seen.
 * They are marked simulated everywhere they appear.
 */
export async function ensureSimulatedCredentials(box: SecretBox): Promise<void> {
  const prisma = getPrisma();
  for (const p of PROVIDERS) {
    for (const n of [1, 2]) {
      const key = `sim-${p.id}-key-${n}`;
      await prisma.credential.upsert({
        where: { providerId_fingerprint: { providerId: p.id, fingerprint: fingerprint(key) } },
        create: {
          providerId: p.id,
          label: `${p.id}-simulated-${n}`,
          source: "simulator",
          simulated: true,
          encryptedKey: box.seal(key),
          last4: key.slice(-4),
          fingerprint: fingerprint(key),
        },
        update: { encryptedKey: box.seal(key), disabledAt: null },
      });
    }
  }
}

/**
 * A live start (provider keys configured) after a demo start on the same database:
 * the simulator's credentials are disabled, so that operators' credential lists and
 * breaker pages show only keys that can serve. A later demo start enables them again.
 */
export async function retireSimulatedCredentials(): Promise<void> {
  await getPrisma().credential.updateMany({
    where: { source: "simulator", disabledAt: null },
    data: { disabledAt: new Date() },
  });
}
