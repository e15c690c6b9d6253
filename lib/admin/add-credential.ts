import type { SecretBox } from "@/lib/crypto/secret-box";
import { publishClusterEvent } from "@/lib/cluster/cluster-events";
import { addCredential as insertCredential } from "@/lib/data/credentials/add-credential";

/**
 * Adds a provider key, sealed with the instance key and audited; every instance
 * reloads its catalogue and can route to it within a second. Returns
 * `{id, provider, label, last4, state}`, never the key. Throws ApiError
 * `invalid_request_error` (unknown provider) or `conflict` (key already configured).
 */
export async function addCredential({ providerId, key, label, actor, runtime }: { providerId: string; key: string; label?: string; actor: string; runtime: { box: SecretBox } }) {
  const added = await insertCredential({ providerId, key, label, box: runtime.box, actor });
  await publishClusterEvent({ type: "catalog_changed" });
  return added;
}
