/**
 * Graceful drain of a Node HTTP server, for SIGTERM/SIGINT through either door
 * (`npm start`'s own server, or Next's under `next start`).
 *
 * Once draining: the listening socket closes (a new connection is refused), every
 * response not yet started carries `Connection: close` (so a kept-alive client opens a
 * new connection for its next request, and is refused there rather than cut), requests
 * and streams in flight run to their end, and a socket that stays idle is closed.
 * At the deadline whatever is left is cut.
 *
 * Why not `server.close()` alone: it destroys idle keep-alive sockets at once, racing a
 * client that is at that moment sending its next request on one (the request is lost
 * with a reset, not refused); and it never tells a busy keep-alive connection to stop,
 * so under steady load nothing drains until the deadline cuts it.
 */
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import net, { type Socket } from "node:net";

/** A socket idle this long while draining is closed: longer than any client's gap between a response and its next request. */
export const DRAIN_IDLE_GRACE_MS = 1_000;
const SWEEP_EVERY_MS = 100;

export interface DrainResult {
  /** Requests still in flight at the deadline, cut. */
  cut: number;
  /** How long the drain took, in ms. */
  tookMs: number;
}

export interface Drainer {
  readonly draining: boolean;
  /**
   * Stops accepting and waits for in-flight requests and streams, at most `deadlineMs`.
   * Safe to call twice (the second call gets the first drain's result).
   */
  drain(deadlineMs: number): Promise<DrainResult>;
}

/** Attach before the server serves (or as early as possible): requests are tracked from then on. */
export function drainable(server: Server): Drainer {
  let draining = false;
  let result: Promise<DrainResult> | undefined;
  /** Responses in flight, and per socket how many (pipelining aside, 0 or 1). */
  const inFlight = new Set<ServerResponse>();
  const busy = new Map<Socket, number>();
  /** Sockets with nothing in flight, since when (ms). */
  const idleSince = new Map<Socket, number>();

  const track = (socket: Socket) => {
    if (idleSince.has(socket) || busy.has(socket)) return;
    idleSince.set(socket, Date.now());
    socket.once("close", () => {
      idleSince.delete(socket);
      busy.delete(socket);
    });
  };
  server.on("connection", track);
  // Ahead of the app's own listener, so the header is set before anything is written.
  server.prependListener("request", (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    track(socket);
    idleSince.delete(socket);
    busy.set(socket, (busy.get(socket) ?? 0) + 1);
    inFlight.add(res);
    if (draining) res.setHeader("connection", "close");
    res.once("close", () => {
      inFlight.delete(res);
      const left = (busy.get(socket) ?? 1) - 1;
      if (left > 0) return void busy.set(socket, left);
      busy.delete(socket);
      if (!socket.destroyed) idleSince.set(socket, Date.now());
    });
  });

  const run = async (deadlineMs: number): Promise<DrainResult> => {
    const started = Date.now();
    draining = true;
    for (const res of inFlight) if (!res.headersSent) res.setHeader("connection", "close");
    const closed = new Promise<void>((resolve) => {
      // net's close: stop listening and call back once every connection is gone, without
      // http's immediate destruction of idle keep-alive sockets (see above).
      net.Server.prototype.close.call(server, () => resolve());
    });
    const sweep = setInterval(() => {
      const now = Date.now();
      for (const [socket, since] of idleSince)
        if (now - since >= DRAIN_IDLE_GRACE_MS) socket.destroy();
    }, SWEEP_EVERY_MS);
    let cut = 0;
    const deadline = setTimeout(() => {
      cut = inFlight.size;
      server.closeAllConnections();
      for (const socket of [...idleSince.keys(), ...busy.keys()]) socket.destroy();
    }, deadlineMs);
    try {
      await closed;
    } finally {
      clearInterval(sweep);
      clearTimeout(deadline);
    }
    return { cut, tookMs: Date.now() - started };
  };

  return {
    get draining() {
      return draining;
    },
    drain(deadlineMs) {
      result ??= run(deadlineMs);
      return result;
    },
  };
}
