/**
 * What the product's server does to a request before Next's handler sees it, the same
 * under `npm start` (our server) and plain `next start` (Next's, wrapped at start-up).
 */
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { isDecodablePath, undecodablePathResponse } from "@/lib/http/path-encoding";
import { applyTrustedProxies, CLIENT_ADDRESS_HEADER } from "./forwarded-headers";
import { decideRequestEdge, undecodablePageAnswer, type EdgeAnswer } from "./request-edge";

export { CLIENT_ADDRESS_HEADER };

function send(res: ServerResponse, answer: EdgeAnswer): true {
  res.writeHead(answer.status, {
    ...answer.headers,
    "content-length": Buffer.byteLength(answer.body),
  });
  res.end(answer.body);
  return true;
}

/**
 * The request line, for every door and every path (`/v1/*` included): answers the forms
 * no router should see (see decideRequestEdge) and rewrites an absolute-form target
 * naming our own host to its path. Returns true when it answered.
 */
export function answerRequestEdge(req: IncomingMessage, res: ServerResponse): boolean {
  const decision = decideRequestEdge(req.method ?? "GET", req.url ?? "/", req.headers.host);
  if ("answer" in decision) {
    // The request's body (if any) is not wanted: let it drain rather than stall the socket.
    req.resume();
    return send(res, decision.answer);
  }
  req.url = decision.path;
  return false;
}

/**
 * Prepares a request for Next, or answers it. Returns true when it answered (Next must
 * then not see the request).
 * - The request line goes through {@link answerRequestEdge}.
 * - A path whose percent-escapes do not decode gets a 400: the API's shape under
 *   `/api/`, a small page elsewhere (Next answers both with a bare 500).
 * - Forwarded headers are kept only as far as `trustProxyHops` (GATEWAY_TRUST_PROXY)
 *   trusts them, and the caller's address is recorded under {@link CLIENT_ADDRESS_HEADER}
 *   (overwriting any value the client sent), for slowing sign-in guessing per address.
 */
export function answerBeforeNext(
  req: IncomingMessage,
  res: ServerResponse,
  trustProxyHops: number,
): boolean {
  if (answerRequestEdge(req, res)) return true;
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  if (!isDecodablePath(q === -1 ? url : url.slice(0, q))) {
    req.resume();
    if (url.startsWith("/api/")) return send(res, undecodablePathResponse());
    return send(res, undecodablePageAnswer());
  }
  applyTrustedProxies(req.headers, req.socket.remoteAddress ?? "", trustProxyHops);
  return false;
}

/**
 * Under plain `next start`: puts {@link answerBeforeNext} in front of Next's own request
 * listeners on its server. Call before anything else adds `request` listeners.
 */
export function guardNextServer(server: Server, trustProxyHops: number): void {
  const nextListeners = server.listeners("request") as ((
    req: IncomingMessage,
    res: ServerResponse,
  ) => void)[];
  server.removeAllListeners("request");
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    if (answerBeforeNext(req, res, trustProxyHops)) return;
    for (const listener of nextListeners) listener.call(server, req, res);
  });
}
