import pg from "pg";
import type { Logger } from "pino";
import { PeriodicJob } from "./periodic-job";

/**
 * Issues the invoices due at `now` (epoch ms) once `graceMs` has passed since their month
 * ended; returns the numbers issued. The admin layer's `autoIssueInvoices`, handed in by
 * the entry point: the runtime sits below lib/admin and may not import it.
 */
export type IssueDueInvoices = (opts: { now: number; graceMs: number }) => Promise<string[]>;

/** Advisory lock id held while one instance issues invoices. */
const INVOICE_LOCK_KEY = 72707371;

/**
 * Runs the invoice auto-issue every `intervalMs` on every instance; only the instance
 * that gets the cluster-wide advisory lock works, the others skip that round.
 */
export class InvoiceScheduler extends PeriodicJob<void> {
  constructor(
    private readonly opts: {
      databaseUrl: string;
      issueDue: IssueDueInvoices;
      graceMs: number;
      intervalMs?: number;
      log: Logger;
    },
  ) {
    super(opts.intervalMs ?? 60_000);
  }

  protected async round(now: number): Promise<void> {
    const client = new pg.Client({
      connectionString: this.opts.databaseUrl,
      application_name: "gateway-invoices",
    });
    try {
      await client.connect();
      const { rows } = await client.query<{ locked: boolean }>(
        "SELECT pg_try_advisory_lock($1) AS locked",
        [INVOICE_LOCK_KEY],
      );
      if (!rows[0]?.locked) return;
      try {
        const issued = await this.opts.issueDue({ now, graceMs: this.opts.graceMs });
        if (issued.length > 0)
          this.opts.log.info(
            { issued: issued.length, first: issued[0], last: issued.at(-1) },
            "invoices issued after the grace period",
          );
      } finally {
        await client.query("SELECT pg_advisory_unlock($1)", [INVOICE_LOCK_KEY]);
      }
    } catch (err) {
      this.opts.log.warn(
        { err: (err as Error).message },
        "invoice auto-issue round failed; retried next round",
      );
    } finally {
      await client.end().catch(() => {});
    }
  }
}
