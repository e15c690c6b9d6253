import type { SecretBox } from "@/lib/crypto/secret-box";
import { publishClusterEvent } from "@/lib/cluster/cluster-events";
import { getGatewayRuntime, type GatewayRuntime } from "@/lib/runtime/gateway-runtime";
import { insertCredential } from "./insert-credential";
import { verifyCredential } from "./verify-credential";

/**
 * Adds a provider key, sealed with the instance key and audited; every instance
 * reloads its catalogue and can route to it within a second. Then verifies it with one
 * live request: a key that fails is kept, its breaker open on the class the verification
 * found (auth or billing), and the answer says so. Returns `{id, provider, label, last4,
 * state, verification: {passed, status, errorClass, message, model} | null,
 * unusedWhileSimulated}`, never the key. In simulator mode the key is stored, not
 * verified (`verification: null`) and not used until the simulator is off.
 * `runtime` defaults to this process's gateway runtime.
 * Throws ApiError `invalid_request_error` (unknown provider) or `conflict` (key already configured).
 */
export async function addCredential({
  providerId,
  key,
  label,
  actor,
  runtime: given,
}: {
  providerId: string;
  key: string;
  label?: string;
  actor: string;
  runtime?: { box: SecretBox } & Pick<
    GatewayRuntime,
    "gateway" | "breakers" | "catalog" | "reloadCatalog" | "simulated"
  >;
}) {
  const runtime = given ?? (await getGatewayRuntime());
  const added = await insertCredential({ providerId, key, label, box: runtime.box, actor });
  await publishClusterEvent({ type: "catalog_changed" });
  await runtime.reloadCatalog();
  // While the gateway serves from the simulator a real key is kept for later, not used,
  // so there is nothing to verify it against: it is stored and listed as unused.
  if (runtime.simulated)
    return {
      ...added,
      state: "closed" as const,
      verification: null,
      unusedWhileSimulated: true,
    };
  const { state, ...verification } = await verifyCredential({
    id: added.id,
    actor,
    note: "verified on adding",
    openOnFailure: true,
    runtime,
  });
  return { ...added, state, verification, unusedWhileSimulated: false };
}
