import { z } from "zod";

/**
 * Query fields several admin lists share, so that "a point in time" and "the next page"
 * read the same everywhere. `instant` is an ISO 8601 date (a day, UTC) or a date-time
 * with its time zone; `pageCursor` is the decimal row id a previous page handed back.
 */
export const instant = z.union([z.iso.datetime({ offset: true }), z.iso.date()], {
  error:
    "expected an ISO 8601 date (2026-11-30, UTC) or date-time with a time zone (2026-11-30T09:00:00Z)",
});

export const pageCursor = z
  .string()
  .regex(/^\d{1,19}$/, "a cursor from a previous page's nextCursor");

export const recordId = z.string().min(1).max(200);
