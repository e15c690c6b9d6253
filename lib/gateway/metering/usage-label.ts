/** Longest text kept in a usage column (labels, ids, error classes). */
export const MAX_LABEL_CHARS = 200;

/**
 * Any string made safe to store and show: NUL and other control characters become
 * U+FFFD, lone UTF-16 surrogates (which Postgres and UTF-8 cannot hold) become U+FFFD,
 * and the result is cut to `max` UTF-16 units without splitting a surrogate pair.
 * Total: never throws, whatever it is given.
 */
export function usageLabel(value: unknown, max = MAX_LABEL_CHARS): string {
  const text =
    typeof value === "string" ? value : value === null || value === undefined ? "" : String(value);
  let out = "";
  for (let i = 0; i < text.length && out.length < max; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        if (out.length + 2 > max) break;
        out += text[i]! + text[i + 1]!;
        i++;
        continue;
      }
      out += "\ufffd";
    } else if ((c >= 0xdc00 && c <= 0xdfff) || c < 0x20 || c === 0x7f) {
      out += "\ufffd";
    } else out += text[i]!;
  }
  return out;
}

/** `usageLabel` for nullable columns. */
export function usageLabelOrNull(value: unknown, max = MAX_LABEL_CHARS): string | null {
  return value === null || value === undefined ? null : usageLabel(value, max);
}
