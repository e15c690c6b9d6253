import type { z } from "zod";
import { MAX_QUOTED_CHARS, quoteInput } from "./quote-input";

/**
 * The API's wording for the first thing wrong with an input: the parameter it concerns
 * (dotted path, or null for the whole body) and a message a person can act on. zod's own
 * messages name types ("expected number, received NaN"); these name what to send.
 * @param schema the schema that refused the input; an object schema's field names are
 *   listed when an unknown field is sent.
 */
export function describeIssue(
  issue: z.core.$ZodIssue,
  schema?: z.ZodType,
): { param: string | null; message: string } {
  const path = issue.path.map(String);
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0]!;
    const known = path.length === 0 ? fieldNames(schema) : [];
    const param = [...path, key].join(".").slice(0, MAX_QUOTED_CHARS);
    return {
      param,
      message: `Unknown field ${quoteInput(param)}.${known.length ? ` Known fields: ${known.join(", ")}.` : ""}`,
    };
  }
  const param = path.join(".").slice(0, MAX_QUOTED_CHARS) || null;
  const what = wording(issue);
  return { param, message: param ? `Invalid value for ${quoteInput(param)}: ${what}` : what };
}

/** zod's default messages start with one of these; a schema's own message is kept as written. */
const ZOD_DEFAULT = /^(Too big|Too small|Invalid input|Invalid option)\b/;

function wording(issue: z.core.$ZodIssue): string {
  if (
    issue.code === "invalid_type" &&
    issue.input === undefined &&
    /received undefined$/.test(issue.message)
  )
    return "is required";
  if (
    issue.code === "invalid_format" &&
    issue.format === "datetime" &&
    /^Invalid ISO datetime/.test(issue.message)
  )
    return "expected an ISO 8601 date-time with a time zone, e.g. 2026-11-30T09:00:00Z";
  if (!ZOD_DEFAULT.test(issue.message)) return issue.message;
  switch (issue.code) {
    case "invalid_type":
      if (issue.expected === "number") return "expected a number";
      if (issue.expected === "int") return "expected a whole number";
      return `expected ${article(issue.expected)}`;
    case "too_big":
    case "too_small":
      return bound(issue);
    case "invalid_value":
      return issue.values.length === 1
        ? `expected ${literal(issue.values[0])}`
        : `expected one of ${issue.values.map(literal).join(", ")}`;
    default:
      return issue.message;
  }
}

/** What each collection counts, as zod's own messages name it. */
const UNITS: Partial<Record<string, string>> = {
  string: "character",
  array: "item",
  set: "item",
  map: "entry",
  file: "byte",
};

/** "must be at most 2", "must have at least 1 character", "must have exactly 3 items". */
function bound(issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall): string {
  const big = issue.code === "too_big";
  const raw = big ? issue.maximum : issue.minimum;
  if (issue.origin === "date") {
    const when = new Date(Number(raw)).toISOString();
    return big ? `must be on or before ${when}` : `must be on or after ${when}`;
  }
  const limit = String(raw);
  const inclusive = issue.inclusive !== false;
  const side = issue.exact
    ? "exactly"
    : big
      ? inclusive
        ? "at most"
        : "less than"
      : inclusive
        ? "at least"
        : "more than";
  const unit = UNITS[issue.origin];
  if (!unit) return `must be ${side} ${limit}`;
  const plural = limit === "1" ? unit : unit === "entry" ? "entries" : `${unit}s`;
  return `must have ${side} ${limit} ${plural}`;
}

function article(type: string): string {
  if (type === "object") return "an object";
  if (type === "array") return "an array";
  if (type === "boolean") return "true or false";
  if (type === "null" || type === "undefined") return type;
  if (type === "nan") return "NaN";
  return `a ${type}`;
}

/** A literal as JSON would write it; bigints (which JSON cannot hold) as their digits. */
function literal(value: unknown): string {
  if (typeof value === "bigint") return value.toString();
  if (value === undefined) return "undefined";
  return JSON.stringify(value);
}

function fieldNames(schema: z.ZodType | undefined): string[] {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape && typeof shape === "object" ? Object.keys(shape) : [];
}
