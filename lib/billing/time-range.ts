import { ApiError } from "@/lib/errors";
import { periodOf } from "./period";

/**
 * A report's [from, to) in epoch ms from optional ISO strings: by default the current
 * UTC month. A date alone (`2026-11-01`) is that day's first instant, UTC.
 * @throws ApiError invalid_request_error when `from` is not before `to`
 */
export function timeRange(
  from: string | undefined,
  to: string | undefined,
  now = Date.now(),
): { from: number; to: number } {
  const month = periodOf(now);
  const range = {
    from: from ? Date.parse(from) : month.start,
    to: to ? Date.parse(to) : month.end,
  };
  if (!(range.from < range.to))
    throw new ApiError("invalid_request_error", "'from' must be before 'to'.", { param: "from" });
  return range;
}
