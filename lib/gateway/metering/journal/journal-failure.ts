/** Why the journal refuses appends; `/ready`, `/metrics` and the alert name it. */
export type JournalFailureReason = "disk_full" | "read_only" | "size_cap" | "io_error";

export const JOURNAL_FAILURE_REASONS: readonly JournalFailureReason[] = [
  "disk_full",
  "read_only",
  "size_cap",
  "io_error",
];

/** The journal could not take an append (nothing of it is left half-written on disk). */
export class JournalUnwritableError extends Error {
  constructor(
    readonly reason: JournalFailureReason,
    message: string,
  ) {
    super(message);
    this.name = "JournalUnwritableError";
  }
}

/** The reason for an operating-system error from a write, sync or open. */
export function journalFailureReason(err: unknown): JournalFailureReason {
  switch ((err as NodeJS.ErrnoException)?.code) {
    case "ENOSPC":
    case "EDQUOT":
    // A file-size limit (`ulimit -f`) reads like a full disk to the operator.
    case "EFBIG":
      return "disk_full";
    case "EROFS":
    case "EACCES":
    case "EPERM":
      return "read_only";
    default:
      return "io_error";
  }
}
