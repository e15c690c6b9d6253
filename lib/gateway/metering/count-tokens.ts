/**
 * Token counting for the rare upstream that reports no usage. The tokenizer's tables
 * are large, so they load on first use, never at start-up.
 */
let tokenizer: Promise<(text: string) => number> | undefined;

export async function countTokens(text: string): Promise<number> {
  if (text.length === 0) return 0;
  tokenizer ??= import("gpt-tokenizer").then((m) => (t: string) => m.countTokens(t));
  return (await tokenizer)(text);
}
