/**
 * How long until something ends, in a person's words for a badge: "40 s", "42 min",
 * "5 hours", "3 days" (rounded up below an hour, so nothing still running reads
 * "0 min"; to the nearest unit above). `ms`: milliseconds left, > 0.
 */
export function formatTimeLeft(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1_000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return hours === 1 ? "1 hour" : `${hours} hours`;
  return `${Math.round(hours / 24)} days`;
}
