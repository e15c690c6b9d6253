import { randomBytes } from "node:crypto";

/**
 * A per-process random prefix (96 bits) and a counter: unique across instances and
 * restarts, without asking the CSPRNG on every request (it showed up in profiles).
 * Not a secret, so predictability within a process does not matter.
 */
const prefix = randomBytes(12).toString("base64url");
let counter = 0;

/**
 * The gateway's own id for a request. Never taken from the caller: usage rows are
 * unique on it, so a reused client id would silently drop a metered request.
 */
export function newRequestId(): string {
  counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
  return `req_${prefix}${counter.toString(36)}`;
}
