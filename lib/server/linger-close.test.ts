import { createServer, type Server } from "node:http";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { lingerOnUnreadBody } from "./linger-close";

/** A server that answers 413 on sight of a large Content-Length, never reading the body. */
async function refusingServer(): Promise<Server> {
  const server = createServer((req, res) => {
    res.writeHead(413, { "content-type": "application/json", connection: "close" });
    res.end('{"error":{"message":"too large","type":"invalid_request_error"}}');
  });
  lingerOnUnreadBody(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

/**
 * Uploads `bytes` with `Connection: close`, as a client busy writing does: it reads the
 * answer only once its whole body is written (or the write failed). Resolves with what
 * came back before the socket closed.
 */
function upload(server: Server, bytes: number): Promise<string> {
  const { port } = server.address() as net.AddressInfo;
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    const got: Buffer[] = [];
    socket.on("data", (c: Buffer) => got.push(c));
    socket.on("error", () => {});
    socket.on("close", () => resolve(Buffer.concat(got).toString("latin1")));
    socket.pause();
    socket.on("connect", () => {
      socket.write(
        `POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\nconnection: close\r\ncontent-length: ${bytes}\r\n\r\n`,
      );
      socket.write(Buffer.alloc(bytes, 0x61), () => socket.resume());
    });
  });
}

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

describe("lingering close", () => {
  it("lets a client that is still uploading read the 413 sent before its body was read", async () => {
    server = await refusingServer();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => upload(server!, 8 * 1024 * 1024)),
    );
    for (const a of answers) expect(a).toMatch(/^HTTP\/1\.1 413 /);
  });
});
