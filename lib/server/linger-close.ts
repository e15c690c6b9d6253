/**
 * Lingering close: when a response goes out before its request's body was read (a 413
 * for a body too large, a 401 before an upload is looked at) and the connection is to
 * close, the socket is half-closed and the rest of the upload read and dropped until the
 * client closes its side, at most {@link LINGER_MS}, instead of being closed at once.
 *
 * Why: closing a socket whose receive buffer still holds unread bytes makes the kernel
 * send a reset, and a reset makes the client's kernel drop data it has not yet handed to
 * the client, our answer included. The client then sees "connection reset" instead of
 * the 413 that says what to fix. Web servers have done this for decades (Apache's and
 * nginx's "lingering close"); Node's http server does not, so it is added per socket.
 */
import type { IncomingMessage, Server } from "node:http";
import type { Socket } from "node:net";

/** Longest a half-closed socket waits for the client to finish its upload and close, ms. */
export const LINGER_MS = 2_000;

/** `net.Socket#destroySoon` is what Node's http server calls to close after a response. */
type ClosingSocket = Socket & { destroySoon?: () => void };

/** Attach before the server serves: every connection from then on lingers when it must. */
export function lingerOnUnreadBody(server: Server): void {
  const lastRequest = new WeakMap<Socket, IncomingMessage>();
  server.prependListener("request", (req: IncomingMessage) => {
    lastRequest.set(req.socket, req);
  });
  server.on("connection", (socket: ClosingSocket) => {
    const destroySoon = socket.destroySoon;
    if (typeof destroySoon !== "function") return;
    socket.destroySoon = function lingeringDestroySoon(this: ClosingSocket) {
      const req = lastRequest.get(socket);
      if (!req || req.complete || socket.destroyed) return destroySoon.call(this);
      // Half-close once the answer is written; keep reading (the http parser drops the
      // rest of the dumped body) until the client closes, or the linger time is up.
      socket.end();
      const timer = setTimeout(() => socket.destroy(), LINGER_MS);
      timer.unref();
      socket.once("close", () => clearTimeout(timer));
      socket.once("end", () => socket.destroy());
      socket.resume();
    };
  });
}
