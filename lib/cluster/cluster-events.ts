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
  | { type: "key_issued"; hash: string }
  /**
   * A key's secret was rotated: `hash` is the new secret (admitted at once),
   * `previousHash` the one it replaced, which stops at `previousEndsAt` (epoch ms), and
   * `endedHash` an older secret still in its grace, which stops at once (or null).
   */
  | {
      type: "key_rotated";
      hash: string;
      previousHash: string;
      previousEndsAt: number;
      endedHash: string | null;
    }
  /** A key's allowed models, expiry or name changed: every secret of it is read again. */
  | { type: "key_changed"; keyId: string }
  | { type: "tenant_changed"; tenantId: string }
  | { type: "catalog_changed" }
  | { type: "breaker_changed"; scopeKey: string; manual: boolean }
  | { type: "resync" };

export const CLUSTER_CHANNEL = "gateway_events";

/** Least time between two catch-up round trips on the event connection (ms). */
const SYNC_GAP_MS = 20;

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
  /** The catch-up round trip running, and the one queued behind it (see `caughtUp`). */
  private syncRunning: Promise<void> | undefined;
  private syncQueued: Promise<void> | undefined;
  private lastSyncAt = 0;

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

  /**
   * Resolves once every notification committed before the call has been handed to
   * `onEvent`: Postgres sends a listener's notifications ahead of the answer to its next
   * query, so one `SELECT 1` on this connection is the proof. Callers meanwhile share
   * one round trip, and round trips start at most every `SYNC_GAP_MS` (20 ms), so a
   * flood of callers costs Postgres at most 50 trivial statements a second on this one
   * connection, never the pool.
   * @throws Error when not connected (notifications may be missing).
   */
  caughtUp(): Promise<void> {
    if (!this.syncRunning) {
      const wait = this.lastSyncAt + SYNC_GAP_MS - Date.now();
      this.syncRunning = this.sync(wait).finally(() => {
        this.syncRunning = undefined;
      });
      return this.syncRunning;
    }
    // One running may have started before this caller's event was committed: wait for
    // the next, shared with everyone who arrives meanwhile.
    this.syncQueued ??= this.syncRunning
      .catch(() => {})
      .then(() => {
        this.syncQueued = undefined;
        return this.caughtUp();
      });
    return this.syncQueued;
  }

  private async sync(waitMs: number): Promise<void> {
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
    const client = this.client;
    if (!client) throw new Error("cluster events are not connected");
    this.lastSyncAt = Date.now();
    await client.query("SELECT 1");
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }
}
