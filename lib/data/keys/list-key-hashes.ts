import { getPrisma } from "@/lib/db";
import type { IssuedHash } from "@/lib/gateway/keys/issued-key-filter";

/**
 * For the issued-key filter: every key's newest secret (SHA-256 hex, revoked keys
 * included) with no end, and every replaced secret still in its grace period with the
 * end of it (epoch ms). Replaced secrets whose grace has ended are left out.
 */
export async function listKeyHashes(now = new Date()): Promise<IssuedHash[]> {
  const rows = await getPrisma().apiKey.findMany({
    select: { hash: true, previousHash: true, previousEndsAt: true },
  });
  const out: IssuedHash[] = [];
  for (const r of rows) {
    out.push({ hash: r.hash, endsAt: null });
    if (r.previousHash && r.previousEndsAt && r.previousEndsAt > now)
      out.push({ hash: r.previousHash, endsAt: r.previousEndsAt.getTime() });
  }
  return out;
}
