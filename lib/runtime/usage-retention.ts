import pg from "pg";
import type { Logger } from "pino";
import { deleteOldUsage } from "@/lib/data/usage/delete-old-usage";
import { PeriodicJob } from "./periodic-job";

const RETENTION_LOCK_KEY = 72707372;

/**
 * Keeps raw usage rows for `retentionDays` (rollups, invoices and the audit trail stay):
 * once an hour one instance, holding a cluster-wide advisory lock, deletes older rows
 * in batches until none are left.
 */
export class UsageRetention extends PeriodicJob<number> {
  constructor(
    private readonly opts: {
      databaseUrl: string;
      retentionDays: number;
      log: Logger;
      intervalMs?: number;
    },
  ) {
    super(opts.intervalMs ?? 3_600_000);
  }

  protected async round(now: number): Promise<number> {
    const client = new pg.Client({
      connectionString: this.opts.databaseUrl,
      application_name: "gateway-retention",
    });
    let deleted = 0;
    try {
      await client.connect();
      const { rows } = await client.query<{ locked: boolean }>(
        "SELECT pg_try_advisory_lock($1) AS locked",
        [RETENTION_LOCK_KEY],
      );
      if (!rows[0]?.locked) return 0;
      try {
        const before = now - this.opts.retentionDays * 86_400_000;
        for (let n = -1; n !== 0; deleted += n) n = await deleteOldUsage({ before });
        if (deleted > 0)
          this.opts.log.info(
            { deleted, retentionDays: this.opts.retentionDays },
            "raw usage past retention deleted",
          );
      } finally {
        await client.query("SELECT pg_advisory_unlock($1)", [RETENTION_LOCK_KEY]);
      }
    } catch (err) {
      this.opts.log.warn(
        { err: (err as Error).message },
        "usage retention round failed; retried next round",
      );
    } finally {
      await client.end().catch(() => {});
    }
    return deleted;
  }
}
