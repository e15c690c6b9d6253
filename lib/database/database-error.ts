import { ApiError } from "@/lib/errors";

/**
 * What a database error means for the caller:
 * - `bad_input`: the values sent cannot be stored (SQLSTATE classes 22 data exception,
 *   54 program limit; e.g. 22021 a NUL byte, 22P02 bad number text, 22001 too long);
 * - `constraint`: an integrity rule refused it (class 23: unique, foreign key, check);
 * - `unavailable`: Postgres cannot be reached or answered too late (connection refused,
 *   reset or timed out, classes 08, 53, 57, 58, pool exhaustion);
 * - `other`: anything else (a bug: a 500 without internals).
 * Reads plain `pg` errors and Prisma's (whose driver-adapter cause carries the SQLSTATE).
 */
export type DatabaseErrorKind = "bad_input" | "constraint" | "unavailable" | "other";

const UNAVAILABLE_ERRNOS = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ECONNABORTED",
]);
const UNAVAILABLE_PRISMA = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2037"]);
const BAD_INPUT_PRISMA = new Set([
  "P2000",
  "P2005",
  "P2006",
  "P2007",
  "P2019",
  "P2020",
  "P2023",
  "P2033",
]);
const UNAVAILABLE_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "DatabaseDoesNotExist",
  "DatabaseAccessDenied",
]);
const BAD_INPUT_KINDS = new Set(["InvalidInputValue", "ValueOutOfRange", "LengthMismatch"]);
const UNAVAILABLE_MESSAGE =
  /connection terminated|timeout exceeded when trying to connect|query read timeout|connection timeout|can't reach database|server closed the connection|client has encountered a connection error|cannot use a pool after calling end/i;

export function classifyDatabaseError(err: unknown): DatabaseErrorKind {
  const codes: string[] = [];
  const kinds: string[] = [];
  const messages: string[] = [];
  collect(err, codes, kinds, messages, 0);
  const sqlstates = codes.filter((c) => /^[0-9A-Z]{5}$/.test(c) && !c.startsWith("P"));
  if (
    sqlstates.some((c) => c.startsWith("22") || c.startsWith("54")) ||
    codes.some((c) => BAD_INPUT_PRISMA.has(c)) ||
    kinds.some((k) => BAD_INPUT_KINDS.has(k))
  )
    return "bad_input";
  if (
    sqlstates.some((c) => c.startsWith("23")) ||
    codes.some((c) => c === "P2002" || c === "P2003" || c === "P2004" || c === "P2014")
  )
    return "constraint";
  if (
    sqlstates.some((c) => /^(08|53|57|58)/.test(c)) ||
    codes.some((c) => UNAVAILABLE_ERRNOS.has(c) || UNAVAILABLE_PRISMA.has(c)) ||
    kinds.some((k) => UNAVAILABLE_KINDS.has(k)) ||
    messages.some((m) => UNAVAILABLE_MESSAGE.test(m)) ||
    (err as Error)?.name === "PrismaClientInitializationError"
  ) {
    return "unavailable";
  }
  return "other";
}

function collect(
  value: unknown,
  codes: string[],
  kinds: string[],
  messages: string[],
  depth: number,
): void {
  if (depth > 5 || typeof value !== "object" || value === null) return;
  const v = value as Record<string, unknown>;
  for (const field of ["code", "originalCode", "errorCode"])
    if (typeof v[field] === "string") codes.push(v[field]);
  if (typeof v.kind === "string") kinds.push(v.kind);
  if (typeof v.message === "string") messages.push(v.message);
  if (Array.isArray(v.errors))
    for (const e of v.errors) collect(e, codes, kinds, messages, depth + 1);
  collect(v.cause, codes, kinds, messages, depth + 1);
  collect(
    (v.meta as Record<string, unknown> | undefined)?.driverAdapterError,
    codes,
    kinds,
    messages,
    depth + 1,
  );
}

/** Seconds a client is asked to wait before retrying while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

/**
 * The API error for a database failure on a request's path, or null when it is not one
 * we can name (the caller's generic 500). Never carries the database's own message,
 * which may quote values or name tables.
 */
export function apiErrorFromDatabase(err: unknown): ApiError | null {
  if (err instanceof ApiError) return null;
  switch (classifyDatabaseError(err)) {
    case "bad_input":
      return new ApiError(
        "invalid_request_error",
        "A value in the request cannot be stored (invalid characters, too long, or out of range).",
      );
    case "constraint":
      return new ApiError(
        "conflict",
        "The request conflicts with the current state (a referenced record is missing or a unique value is taken).",
      );
    case "unavailable":
      return new ApiError(
        "service_unavailable",
        "The database is temporarily unavailable. Retry shortly.",
        {
          headers: { "retry-after": String(DATABASE_RETRY_AFTER_SECONDS) },
        },
      );
    case "other":
      return null;
  }
}

/**
 * A database error as one log-friendly line: Prisma's messages span several lines (the
 * invocation, blank lines, then the cause); the last non-empty line is the cause.
 * At most 200 characters.
 */
export function databaseErrorLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const lines = message.split("\n").filter((l) => l.trim() !== "");
  return (lines.at(-1) ?? message).trim().slice(0, 200);
}
