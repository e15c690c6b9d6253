import { randomBytes } from "node:crypto";

/**
 * The gateway's own id for a request. Never taken from the caller: usage rows are
 * unique on it, so a reused client id would silently drop a metered request.
 */
export function newRequestId(): string {
  return `req_${randomBytes(12).toString("base64url")}`;
}
