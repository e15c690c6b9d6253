import type { ServerResponse } from "node:http";
import type { FaultSpec, StreamFault } from "./faults";
import type { ProviderErrorResponse } from "./provider-errors";

/**
 * Writing responses, with the fault behaviours that act on the bytes: replaced responses,
 * dripped, failed, dropped and stalled streams.
 */

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function sendBody(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string,
): void {
  if (res.destroyed) return;
  res.writeHead(status, headers);
  res.end(body);
}

function serialise(body: unknown): { text: string; contentType: string } {
  if (body === undefined) return { text: "", contentType: "application/json" };
  if (typeof body === "string") return { text: body, contentType: "text/plain; charset=utf-8" };
  return { text: JSON.stringify(body), contentType: "application/json" };
}

/** A provider error (from the catalogue or a format module), plus any fault headers. */
export function sendError(
  res: ServerResponse,
  error: ProviderErrorResponse,
  extraHeaders?: Record<string, string>,
): void {
  const { text, contentType } = serialise(error.body);
  sendBody(
    res,
    error.status,
    { "content-type": contentType, ...error.headers, ...extraHeaders },
    text,
  );
}

/** A fault that replaces the response: its status (default 200), headers and body as given. */
export function sendFaultResponse(res: ServerResponse, fault: FaultSpec): void {
  const { text, contentType } = serialise(fault.body);
  sendBody(res, fault.status ?? 200, { "content-type": contentType, ...fault.headers }, text);
}

/**
 * Applies drop/stall to a non-streaming answer, where the whole body is one piece: the
 * socket is cut, or left hanging, before any byte. Returns true when it took over.
 */
export function interceptNonStream(
  res: ServerResponse,
  stream: StreamFault | undefined,
  onStall: (chunks: number) => void,
): boolean {
  if (!stream) return false;
  if (stream.dropAfterChunks !== undefined) {
    res.socket?.destroy();
    return true;
  }
  if (stream.stallAfterChunks === undefined) return false;
  onStall(0);
  return true;
}

/**
 * Sends stream events. Without a stream fault the whole stream goes out in one write, which
 * is what keeps the benchmark's upstream cheap; with one, event by event, so that "after k
 * chunks" means exactly k events on the wire before the failure.
 */
export async function sendStream(
  res: ServerResponse,
  headers: Record<string, string>,
  events: string[],
  errorEvent: (sent: number) => string,
  fault: StreamFault | undefined,
  onStall: (chunks: number) => void,
): Promise<void> {
  if (res.destroyed) return;
  res.writeHead(200, headers);
  if (!fault) {
    res.end(events.join(""));
    return;
  }
  // Headers go out first, as a real provider's do, so "after 0 chunks" still means a 200 was seen.
  res.flushHeaders();
  const { failAfterChunks, dropAfterChunks, endAfterChunks, stallAfterChunks, dripMs } = fault;
  // Resolves when the latest event has been handed to the socket, so a drop never discards
  // events it claims to have sent.
  let flushed: Promise<void> = Promise.resolve();
  // A threshold at or beyond the stream's length never fires: the stream completes normally.
  for (let i = 0; i < events.length; i++) {
    if (i > 0 && dripMs) {
      await delay(dripMs);
      if (res.destroyed) return;
    }
    if (i === failAfterChunks) {
      res.end(errorEvent(i));
      return;
    }
    if (i === endAfterChunks) {
      res.end();
      return;
    }
    if (i === dropAfterChunks) {
      await flushed;
      res.destroy();
      return;
    }
    // Left open on purpose: the client (or Simulator.close) ends it.
    if (i === stallAfterChunks) return onStall(i);
    const event = events[i];
    flushed = new Promise((resolve) => res.write(event, () => resolve()));
  }
  res.end();
}
