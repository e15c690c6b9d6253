import { getPrisma } from "@/lib/db";

/** Every tenant key hash ever issued (SHA-256 hex, revoked keys included), for the issued-key filter. */
export async function listKeyHashes(): Promise<string[]> {
  const rows = await getPrisma().apiKey.findMany({ select: { hash: true } });
  return rows.map((r) => r.hash);
}
