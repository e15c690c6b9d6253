import clsx from "clsx";

const STYLES: Record<string, string> = {
  closed: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
  half_open: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  open: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
  quarantined: "bg-red-700 text-white dark:bg-red-600",
};
const WORDS: Record<string, string> = {
  closed: "closed",
  half_open: "half-open",
  open: "open",
  quarantined: "quarantined",
};

/**
 * A breaker state in colour and in words (never colour alone). `forced`: open by a
 * person's hand (open with no retry time), which reads "forced open".
 */
export function StateBadge({ state, forced = false }: { state: string; forced?: boolean }) {
  return (
    <span
      className={clsx(
        "inline-block rounded-full px-2 py-0.5 text-xs font-medium",
        STYLES[state] ?? "bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-slate-100",
      )}
    >
      {forced && state === "open" ? "forced open" : (WORDS[state] ?? state)}
    </span>
  );
}

const STATUS_STYLES: Record<string, string> = {
  active: STYLES.closed!,
  paid: STYLES.closed!,
  delivered: STYLES.closed!,
  issued: "bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100",
  draft: "bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-slate-100",
  suspended: STYLES.half_open!,
  pending: STYLES.half_open!,
  void: "bg-slate-300 text-slate-900 dark:bg-slate-600 dark:text-slate-100",
  revoked: STYLES.open!,
  failed: STYLES.open!,
  disabled: STYLES.open!,
};

/** Any other status word (tenant, key, invoice, alert delivery) with a matching colour. */
export function StatusBadge({ status }: { status: string }) {
  return (
    <span
      className={clsx(
        "inline-block rounded-full px-2 py-0.5 text-xs font-medium",
        STATUS_STYLES[status] ?? STATUS_STYLES.draft,
      )}
    >
      {status.replace(/_/g, " ")}
    </span>
  );
}
