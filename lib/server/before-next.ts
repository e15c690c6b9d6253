/**
 * What the product's server does to a request before Next's handler sees it, the same
 * under `npm start` (our server) and plain `next start` (Next's, wrapped at start-up).
 */
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { isDecodablePath, undecodablePathResponse } from "@/lib/http/path-encoding";

/** Header carrying the caller's address as the socket saw it (read by the sign-in throttle). */
export const CLIENT_ADDRESS_HEADER = "x-gateway-client-address";

/**
 * Prepares a request for Next, or answers it. Returns true when it answered (Next must
 * then not see the request).
 * - An `/api/` path whose percent-escapes do not decode gets the API's 400: Next answers
 *   it with a bare 500 when it fills route parameters, and it is the caller's mistake.
 * - The caller's address is recorded under {@link CLIENT_ADDRESS_HEADER}, overwriting a
 *   value the client sent under that name, for slowing sign-in guessing per address.
 */
export function answerBeforeNext(req: IncomingMessage, res: ServerResponse): boolean {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  if (url.startsWith("/api/") && !isDecodablePath(q === -1 ? url : url.slice(0, q))) {
    const bad = undecodablePathResponse();
    res.writeHead(bad.status, bad.headers);
    res.end(bad.body);
    return true;
  }
  req.headers[CLIENT_ADDRESS_HEADER] = req.socket.remoteAddress ?? "";
  return false;
}

/**
 * Under plain `next start`: puts {@link answerBeforeNext} in front of Next's own request
 * listeners on its server. Call before anything else adds `request` listeners.
 */
export function guardNextServer(server: Server): void {
  const nextListeners = server.listeners("request") as ((
    req: IncomingMessage,
    res: ServerResponse,
  ) => void)[];
  server.removeAllListeners("request");
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    if (answerBeforeNext(req, res)) return;
    for (const listener of nextListeners) listener.call(server, req, res);
  });
}
