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
  let what = issue.message;
  if (
    issue.code === "invalid_type" &&
    issue.input === undefined &&
    /received undefined$/.test(issue.message)
  )
    what = "is required";
  else if (issue.code === "invalid_type" && issue.expected === "number") what = "expected a number";
  else if (issue.code === "invalid_format" && issue.format === "datetime")
    what = "expected an ISO 8601 date-time with a time zone, e.g. 2026-11-30T09:00:00Z";
  return { param, message: param ? `Invalid value for ${quoteInput(param)}: ${what}` : what };
}

function fieldNames(schema: z.ZodType | undefined): string[] {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape && typeof shape === "object" ? Object.keys(shape) : [];
}
