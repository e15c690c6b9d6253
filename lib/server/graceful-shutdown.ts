import { log } from "@/lib/log";
import { shutdownGateway } from "@/lib/runtime/shutdown-gateway";
import type { Drainer } from "./drain";

/** After the drain deadline, the rest of the shutdown (meter flush, pools, database) gets this long before the process gives up. */
const CLOSE_GRACE_MS = 15_000;

/**
 * SIGTERM and SIGINT, the same through both doors: drain the server (at most
 * `drainMs`), then close the gateway (the meter's last flush, Postgres) and exit 0.
 * A shutdown that cannot finish exits 1 after `drainMs` + 15 s rather than hang.
 */
export function stopOnSignals(drainer: Drainer, drainMs: number): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const logger = log();
    logger.info({ signal, drainMs }, "shutting down: draining");
    setTimeout(() => {
      logger.error({ signal }, "shutdown did not finish in time; exiting");
      process.exit(1);
    }, drainMs + CLOSE_GRACE_MS).unref();
    try {
      const { cut, tookMs } = await drainer.drain(drainMs);
      if (cut > 0) logger.warn({ cut, tookMs }, "drain deadline reached: requests cut");
      else logger.info({ tookMs }, "drained");
      await shutdownGateway();
    } catch (err) {
      logger.error({ err: (err as Error).message }, "shutdown failed");
      process.exit(1);
    }
    process.exit(0);
  };
  process.on("SIGTERM", (s: NodeJS.Signals) => void stop(s));
  process.on("SIGINT", (s: NodeJS.Signals) => void stop(s));
}
