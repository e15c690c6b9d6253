import pg from "pg";
import type { Logger } from "pino";
import { databaseTimeouts, getPrisma } from "@/lib/db";
import { pgTimeouts } from "@/lib/database/pg-timeouts";

/**
 * Changes every instance must apply within a second, carried by Postgres
 * LISTEN/NOTIFY. `resync` is synthesised locally after a reconnect, because
 * notifications sent while disconnected are lost.
 */
export type ClusterEvent =
  | { type: "key_revoked"; hash: string }
  | { type: "tenant_changed"; tenantId: string }
  | { type: "catalog_changed" }
  | { type: "breaker_changed"; scopeKey: string; manual: boolean }
  | { type: "resync" };

export const CLUSTER_CHANNEL = "gateway_events";

export async function publishClusterEvent(
  event: Exclude<ClusterEvent, { type: "resync" }>,
): Promise<void> {
  await getPrisma().$executeRaw`SELECT pg_notify(${CLUSTER_CHANNEL}, ${JSON.stringify(event)})`;
}

export class ClusterEventListener {
  private client: pg.Client | undefined;
  private stopped = false;
  private retryMs = 250;
  private connectedOnce = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly onEvent: (event: ClusterEvent) => void,
    private readonly log: Logger,
  ) {}

  /** Resolves once listening, so a caller knows no later notification is missed. */
  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.connectionString,
      application_name: "gateway-events",
      ...pgTimeouts(databaseTimeouts()),
    });
    client.on("notification", (msg) => {
      if (msg.channel !== CLUSTER_CHANNEL || !msg.payload) return;
      try {
        this.onEvent(JSON.parse(msg.payload) as ClusterEvent);
      } catch {
        this.log.warn("ignored a malformed cluster event");
      }
    });
    client.on("error", () => this.lost(client));
    client.on("end", () => this.lost(client));
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${CLUSTER_CHANNEL}`);
    } catch (err) {
      this.client = undefined;
      client.removeAllListeners();
      client.on("error", () => {});
      client.end().catch(() => {});
      throw err;
    }
    this.retryMs = 250;
    if (this.connectedOnce) {
      this.log.info("cluster events reconnected; resyncing");
      this.onEvent({ type: "resync" });
    }
    this.connectedOnce = true;
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.removeAllListeners();
    // A late socket error on a client being dropped must not become an uncaught exception.
    client.on("error", () => {});
    client.end().catch(() => {});
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.timer) return;
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, 10_000);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.stopped) return;
      this.connect().catch(() => this.scheduleReconnect());
    }, delay);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }
}
