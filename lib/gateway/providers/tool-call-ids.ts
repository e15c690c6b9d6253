import { createHash } from "node:crypto";

/**
 * Tool-call ids travel between providers: a conversation begun on one continues on
 * another after a failover, so an id minted by one (`functions.lookup:0`, `call_...`)
 * reaches a provider with a stricter alphabet. Two rewrites, both deterministic, so a
 * call and the result that names it always agree:
 *
 * - `base64url`: `gwid_` + the id in base64url (whose alphabet is letters, digits,
 *   `_` and `-`); reversible, so an id can be restored in the answer.
 * - `alnum9`: nine letters and digits from a hash of the id (Mistral's fixed shape);
 *   one-way, which is enough because such ids only ever flow toward the provider.
 */

export type ToolCallIdRewrite = "base64url" | "alnum9";

const PREFIX = "gwid_";

export function rewriteToolCallId(id: string, alphabet: RegExp, how: ToolCallIdRewrite): string {
  // An id that already carries the prefix is encoded too, so decoding is never ambiguous.
  if (alphabet.test(id) && !id.startsWith(PREFIX)) return id;
  switch (how) {
    case "base64url":
      return PREFIX + Buffer.from(id, "utf8").toString("base64url");
    case "alnum9": {
      const digest = createHash("sha256").update(id).digest();
      const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
      let out = "";
      for (let i = 0; i < 9; i++) out += chars[digest[i]! % chars.length];
      return out;
    }
    default: {
      const unreachable: never = how;
      return unreachable;
    }
  }
}

/** The client's own id for one the gateway rewrote with `base64url`; other ids unchanged. */
export function restoreToolCallId(id: string): string {
  if (!id.startsWith(PREFIX)) return id;
  const decoded = Buffer.from(id.slice(PREFIX.length), "base64url").toString("utf8");
  return decoded || id;
}
