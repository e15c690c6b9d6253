/**
 * The deepest nesting of objects and arrays in a JSON text, read from its bytes without
 * parsing it.
 *
 * Why: `JSON.parse` accepts tens of thousands of nested brackets, but `JSON.stringify`,
 * which every upstream request and log line goes through, overflows the stack on them.
 * Measuring the depth first lets a request that deep be refused as the caller's error
 * (400) before any part of the gateway holds it.
 *
 * @param body UTF-8 bytes of a JSON text (validity is not checked here: brackets inside
 *   strings are skipped, everything else is counted as written).
 * @param stopAbove return as soon as the depth passes this (saves scanning a huge body
 *   that is already too deep).
 * @returns the maximum depth reached (0 for a scalar, 1 for `{}` or `[1]`), or
 *   `stopAbove + 1` once it is passed.
 */
export function jsonNestingDepth(body: Uint8Array, stopAbove = Number.POSITIVE_INFINITY): number {
  const QUOTE = 0x22,
    BACKSLASH = 0x5c,
    OPEN_BRACE = 0x7b,
    OPEN_BRACKET = 0x5b,
    CLOSE_BRACE = 0x7d,
    CLOSE_BRACKET = 0x5d;
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const b = body[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) {
      inString = true;
    } else if (b === OPEN_BRACE || b === OPEN_BRACKET) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > stopAbove) return max;
      }
    } else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
      depth--;
    }
  }
  return max;
}
