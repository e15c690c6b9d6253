import type { AlertNotifier } from "@/lib/alerts/alert-notifier";
import type { AdmissionChange } from "@/lib/gateway/metering/usage-buffer";

const WHY: Record<string, string> = {
  disk_full: "the journal's disk is full",
  read_only: "the journal's disk is read-only",
  size_cap: "the journal reached GATEWAY_USAGE_JOURNAL_MAX_BYTES",
  io_error: "the journal's disk reports I/O errors",
};

/**
 * One alert when the meter stops admitting metered requests (usage writable neither to
 * Postgres nor to the journal) and one when it admits again; never one per request.
 */
export function alertForMeter(notifier: AlertNotifier, change: AdmissionChange): void {
  const text = change.admitting
    ? `:white_check_mark: Usage meter writable again; metered requests are served (${change.held} held events being written).`
    : `:rotating_light: Usage meter cannot write: Postgres is away and ${WHY[change.reason ?? "io_error"]}. Metered requests get 503 until one of them takes writes; ${change.held} events held in memory.`;
  notifier.notify({
    kind: "usage_meter_unwritable",
    text,
    dedupeKey: `usage_meter_unwritable:${change.admitting ? "writable" : "unwritable"}`,
    details: {
      state: change.admitting ? "writable" : "unwritable",
      reason: change.reason,
      held: change.held,
    },
  });
}
