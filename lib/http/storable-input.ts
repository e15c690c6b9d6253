import { ApiError } from "@/lib/errors";
import { MAX_QUOTED_CHARS, quoteInput } from "./quote-input";

/** Deepest JSON nesting an admin body may have. */
export const MAX_JSON_DEPTH = 32;
/** Longest single string accepted anywhere in admin input, in UTF-16 units. */
export const MAX_INPUT_STRING = 100_000;
/** Longest path segment (ids are ~25 characters). */
export const MAX_ID_LENGTH = 200;

/** Why a string cannot reach Postgres, or null: NUL, lone surrogates, or too long. */
export function unstorableReason(text: string, max = MAX_INPUT_STRING): string | null {
  if (text.length > max) return `is longer than ${max} characters`;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return "contains a NUL character";
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return "contains an unpaired UTF-16 surrogate";
    }
    if (c >= 0xdc00 && c <= 0xdfff) return "contains an unpaired UTF-16 surrogate";
  }
  return null;
}

/**
 * Checks every string (keys included) in a parsed JSON value, and its depth, before any
 * of it can reach Postgres.
 * @throws ApiError 400 `invalid_request_error` naming the field.
 */
export function assertStorableJson(value: unknown, path = "", depth = 0): void {
  if (depth > MAX_JSON_DEPTH)
    throw new ApiError(
      "invalid_request_error",
      `The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels.`,
      { param: path || null },
    );
  if (typeof value === "string") {
    const reason = unstorableReason(value);
    if (reason)
      throw new ApiError(
        "invalid_request_error",
        `Invalid value for ${quoteInput(path || "body")}: the text ${reason}.`,
        { param: path.slice(0, MAX_QUOTED_CHARS) || null },
      );
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertStorableJson(v, path ? `${path}.${i}` : String(i), depth + 1));
    return;
  }
  if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      const name = path ? `${path}.${k}` : k;
      if (unstorableReason(k, 200))
        throw new ApiError(
          "invalid_request_error",
          "The JSON body has a field name that is not valid text.",
          { param: null },
        );
      assertStorableJson(v, name, depth + 1);
    }
  }
}

/**
 * Checks route parameters (ids from the path) and query values.
 * @throws ApiError 400 naming the parameter.
 */
export function assertStorableParams(params: Record<string, unknown>, max = MAX_ID_LENGTH): void {
  for (const [name, value] of Object.entries(params)) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (typeof v !== "string") continue;
      const reason = unstorableReason(v, max);
      if (reason)
        throw new ApiError(
          "invalid_request_error",
          `Invalid value for ${quoteInput(name)}: it ${reason}.`,
          { param: name.slice(0, MAX_QUOTED_CHARS) },
        );
    }
  }
}
