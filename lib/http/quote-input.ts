/** Longest excerpt of caller input an error message quotes, in characters. */
export const MAX_QUOTED_CHARS = 200;

/**
 * Caller input as an error message quotes it: in single quotes, control characters
 * written as `\uXXXX`, and cut to MAX_QUOTED_CHARS characters with "…" and the full
 * length when longer, so an error never echoes megabytes back.
 * Example: quoteInput("gpt\n4") === "'gpt\\u000a4'".
 */
export function quoteInput(value: string): string {
  const cut = value.length > MAX_QUOTED_CHARS;
  const head = Array.from(value.slice(0, MAX_QUOTED_CHARS + 1))
    .slice(0, MAX_QUOTED_CHARS)
    .join("");
  const escaped = head.replace(
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return cut ? `'${escaped}…' (${value.length} characters)` : `'${escaped}'`;
}
