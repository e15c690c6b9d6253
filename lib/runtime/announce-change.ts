import { publishClusterEvent, type ClusterEvent } from "@/lib/cluster/cluster-events";
import { peekGatewayRuntime } from "./gateway-runtime";

/**
 * Makes a change every instance must see take effect: on this instance at once (its
 * key cache, when the gateway runs here), then on every other through NOTIFY (within a
 * second). Call it after the change is committed and before answering, so the instance
 * that made a change (a revoked key, a suspended tenant) never serves against its own
 * answer. Works from Next's bundle too: the runtime is found through globalThis.
 * @throws whatever `publishClusterEvent` throws (Postgres unreachable).
 */
export async function announceChange(
  event: Exclude<ClusterEvent, { type: "resync" }>,
): Promise<void> {
  const runtime = await peekGatewayRuntime();
  runtime?.apply(event);
  await publishClusterEvent(event);
}

/**
 * Makes a change to the catalogue (deployments, prices, credentials) take effect: every
 * other instance reloads its catalogue on the NOTIFY (within a second), and this one
 * reloads before returning, so the admin API never answers ahead of its own instance's
 * routing. Without a gateway in this process only the NOTIFY is sent.
 * @throws whatever `publishClusterEvent` or the reload throws (Postgres unreachable).
 */
export async function announceCatalogChange(): Promise<void> {
  await publishClusterEvent({ type: "catalog_changed" });
  const runtime = await peekGatewayRuntime();
  await runtime?.reloadCatalog();
}
