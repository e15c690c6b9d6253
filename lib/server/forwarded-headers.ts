import type { IncomingHttpHeaders } from "node:http";

/** Header carrying the caller's address as decided here (read by the sign-in throttle). */
export const CLIENT_ADDRESS_HEADER = "x-gateway-client-address";

const FORWARDED = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port"];

function entries(value: string | string[] | undefined): string[] {
  const all = Array.isArray(value) ? value.join(",") : (value ?? "");
  return all
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
}

/**
 * Makes the forwarded headers say only what trusted proxies said, in place, before Next
 * (next-auth's origin, the CSRF check) reads them. `hops` is GATEWAY_TRUST_PROXY:
 * - 0: every `X-Forwarded-*` and `Forwarded` header is dropped (the client may have
 *   sent any) and the client address is the socket's.
 * - N: proxies append to `X-Forwarded-For`, so the client is the N-th entry from the
 *   right of that list plus the socket address (entries further left are the client's
 *   own claims); `X-Forwarded-Host` and `-Proto` keep the entry the N-th proxy set (the
 *   rightmost N; the first when fewer).
 * Always sets {@link CLIENT_ADDRESS_HEADER}, overwriting any value the client sent.
 */
export function applyTrustedProxies(
  headers: IncomingHttpHeaders,
  socketAddress: string,
  hops: number,
): void {
  let client = socketAddress;
  if (hops <= 0) {
    for (const name of FORWARDED) delete headers[name];
    delete headers.forwarded;
  } else {
    const chain = [...entries(headers["x-forwarded-for"]), socketAddress];
    client = chain[Math.max(0, chain.length - 1 - hops)]!;
    for (const name of ["x-forwarded-host", "x-forwarded-proto"]) {
      const list = entries(headers[name]);
      if (list.length === 0) delete headers[name];
      else headers[name] = list[Math.max(0, list.length - hops)]!;
    }
  }
  headers[CLIENT_ADDRESS_HEADER] = client;
}
