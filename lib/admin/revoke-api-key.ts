import { publishClusterEvent } from "@/lib/cluster/cluster-events";
import { revokeApiKey as markApiKeyRevoked } from "@/lib/data/keys/revoke-api-key";

/**
 * Revokes a tenant API key and tells every instance through NOTIFY, so the next
 * request with it is refused everywhere within a second. Revoking twice is harmless
 * (the broadcast is repeated, the audit row is not). Returns `{id, prefix, revoked, revokedAt}`.
 * Throws ApiError `not_found` for an unknown key.
 */
export async function revokeApiKey({ id, actor }: { id: string; actor: string }) {
  const { revoked, hash } = await markApiKeyRevoked({ id, actor });
  await publishClusterEvent({ type: "key_revoked", hash });
  return revoked;
}
