import type { IncomingMessage, ServerResponse } from "node:http";
import { requestTooLarge, type Gateway } from "@/lib/gateway/gateway";
import {
  MAX_BODY_BYTES,
  type GatewayRequest,
  type GatewayResponse,
} from "@/lib/gateway/http-types";

/**
 * The fast door: plain node:http straight into the gateway core, skipping Next's
 * per-request machinery (about 90% of a route handler's CPU in our measurements).
 */
export async function serveFromNode(
  gateway: Gateway,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const abort = new AbortController();
  // `close` on the response fires when the client goes away before we finish (or the
  // server cuts the socket at shutdown). It fires once: whoever needs it later reads
  // the signal, never waits for the event again.
  res.once("close", () => {
    if (!res.writableFinished) abort.abort();
  });

  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const body = await readBody(req);
  if (body === "too_large") {
    const path = q === -1 ? url : url.slice(0, q);
    await writeResponse(res, requestTooLarge(MAX_BODY_BYTES, path), abort.signal);
    req.resume();
    return;
  }
  const request: GatewayRequest = {
    method: req.method ?? "GET",
    path: q === -1 ? url : url.slice(0, q),
    header: (name) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    },
    body,
    signal: abort.signal,
  };
  await writeResponse(res, await gateway.handle(request), abort.signal);
}

async function readBody(req: IncomingMessage): Promise<Uint8Array | null | "too_large"> {
  const declared = Number(req.headers["content-length"]);
  if (declared > MAX_BODY_BYTES) return "too_large";
  if (req.method === "GET" || req.method === "HEAD") return null;
  // Not `for await`: leaving that loop early destroys the request, and the rest of an
  // oversized chunked upload then stays unread on the keep-alive connection, so the
  // client's next request on it hangs. Here the remainder keeps flowing and is discarded.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        done();
        // The client may give up on the rest of its upload: not an error worth a crash.
        req.on("error", () => {});
        req.resume();
        resolve("too_large");
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    };
    const onError = (err: Error) => {
      done();
      reject(err);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}

async function writeResponse(
  res: ServerResponse,
  out: GatewayResponse,
  signal: AbortSignal,
): Promise<void> {
  if (typeof out.body === "string") {
    if (signal.aborted || res.destroyed) return;
    res.writeHead(out.status, { ...out.headers, "content-length": Buffer.byteLength(out.body) });
    res.end(out.body);
    return;
  }
  const iterator = out.body[Symbol.asyncIterator]();
  let finished = false;
  try {
    if (signal.aborted || res.destroyed) return;
    res.writeHead(out.status, out.headers);
    res.flushHeaders();
    while (!signal.aborted) {
      const next = await iterator.next();
      if (next.done) {
        finished = true;
        break;
      }
      // Respect backpressure: a slow client slows the upstream read, not our memory.
      if (!res.write(next.value)) await drainedOrGone(res, signal);
    }
  } finally {
    // However the writing ended (client gone, write error, shutdown), end the body so
    // its own `finally` runs: that is where the request is metered.
    if (!finished) await iterator.return?.(undefined);
    res.end();
  }
}

/** Resolves on `drain`, or at once if the client is (or goes) away: never waits on a past event. */
function drainedOrGone(res: ServerResponse, signal: AbortSignal): Promise<void> {
  if (signal.aborted || res.destroyed) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = () => {
      res.off("drain", done);
      signal.removeEventListener("abort", done);
      resolve();
    };
    res.on("drain", done);
    signal.addEventListener("abort", done, { once: true });
  });
}
