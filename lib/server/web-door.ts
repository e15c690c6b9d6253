import { requestTooLarge, type Gateway } from "@/lib/gateway/gateway";
import { MAX_BODY_BYTES, type GatewayResponse } from "@/lib/gateway/http-types";

/**
 * The route-handler door: Web Request in, Web Response out, for `next start`,
 * `next dev` and serverless hosts. Same core, same behaviour as the node door.
 */
export async function serveFromWeb(gateway: Gateway, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const body = await readBody(request);
  if (body === "too_large") return toResponse(requestTooLarge(MAX_BODY_BYTES, url.pathname));
  const out = await gateway.handle({
    method: request.method,
    path: url.pathname,
    header: (name) => request.headers.get(name) ?? undefined,
    body,
    signal: request.signal,
  });
  return toResponse(out);
}

async function readBody(request: Request): Promise<Uint8Array | null | "too_large"> {
  if (Number(request.headers.get("content-length")) > MAX_BODY_BYTES) return "too_large";
  if (!request.body) return null;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      // Read the rest and drop it rather than cancel: a cancelled body leaves the rest of
      // a chunked upload unread on the keep-alive connection, and the client's next
      // request on it hangs. The 413 goes out meanwhile.
      void discardRest(reader);
      return "too_large";
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  try {
    while (!(await reader.read()).done);
  } catch {
    // The client went away; nothing left to drain.
  }
}

function toResponse(out: GatewayResponse): Response {
  if (typeof out.body === "string")
    return new Response(out.body, { status: out.status, headers: out.headers });
  const iterator = out.body[Symbol.asyncIterator]();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
  return new Response(stream, { status: out.status, headers: out.headers });
}
