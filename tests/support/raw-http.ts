/**
 * HTTP requests written byte by byte over a plain socket, so a test can send what no
 * well-behaved client would: odd or invalid headers, a body shorter than its
 * Content-Length (an aborted upload), malformed percent-escapes in the path.
 */
import net from "node:net";

export interface RawRequest {
  method: string;
  /** Sent as-is on the request line. */
  path: string;
  /** Send the target in absolute form, naming the server's own host (`http://host/path`). */
  absoluteForm?: boolean;
  headers?: [string, string][];
  body?: Buffer;
  /** Send only this many body bytes (of a Content-Length of the whole), then close. */
  truncateAt?: number;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends one request; resolves with the parsed response, or null when the server closed without one. */
export function rawRequest(
  baseUrl: string,
  req: RawRequest,
  timeoutMs = 15_000,
): Promise<RawResponse | null> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new Error(`no answer within ${timeoutMs} ms to ${req.method} ${req.path.slice(0, 80)}`),
      );
    }, timeoutMs);
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("error", () => {});
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(parse(Buffer.concat(chunks)));
    });
    socket.on("connect", () => {
      const body = req.body ?? Buffer.alloc(0);
      const target = req.absoluteForm ? `http://${url.host}${req.path}` : req.path;
      let head = `${req.method} ${target} HTTP/1.1\r\nhost: ${url.host}\r\nconnection: close\r\n`;
      for (const [k, v] of req.headers ?? []) head += `${k}: ${v}\r\n`;
      if (body.length > 0 || req.method !== "GET") head += `content-length: ${body.length}\r\n`;
      socket.write(
        Buffer.concat([
          Buffer.from(head + "\r\n", "latin1"),
          req.truncateAt === undefined ? body : body.subarray(0, req.truncateAt),
        ]),
      );
      if (req.truncateAt !== undefined) socket.end();
    });
  });
}

function parse(raw: Buffer): RawResponse | null {
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(raw.subarray(0, 20).toString("latin1"));
  if (!m) return null;
  const split = raw.indexOf("\r\n\r\n");
  const headers: Record<string, string> = {};
  for (const line of raw
    .subarray(0, split === -1 ? raw.length : split)
    .toString("latin1")
    .split("\r\n")
    .slice(1)) {
    const i = line.indexOf(":");
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  let body = split === -1 ? Buffer.alloc(0) : raw.subarray(split + 4);
  if (headers["transfer-encoding"] === "chunked") body = unchunk(body);
  return { status: Number(m[1]), headers, body: body.toString("utf8") };
}

function unchunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const nl = body.indexOf("\r\n", at);
    if (nl === -1) break;
    const size = parseInt(body.subarray(at, nl).toString("latin1"), 16);
    if (!size) break;
    parts.push(body.subarray(nl + 2, nl + 2 + size));
    at = nl + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
