import { createParser, type EventSourceMessage } from "eventsource-parser";

/**
 * Server-sent events from an upstream body, yielded in the batches the network
 * delivered them, so the relay makes one client write per upstream read.
 */
export async function* sseEventBatches(
  body: AsyncIterable<Uint8Array>,
): AsyncGenerator<EventSourceMessage[]> {
  let batch: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (event) => batch.push(event) });
  const decoder = new TextDecoder();
  for await (const chunk of body) {
    parser.feed(decoder.decode(chunk, { stream: true }));
    if (batch.length > 0) {
      const ready = batch;
      batch = [];
      yield ready;
    }
  }
  parser.feed(decoder.decode() + "\n\n");
  if (batch.length > 0) yield batch;
}

/** Reads a whole body as text, up to a bound; the rest is drained and dropped. */
export async function readBodyText(
  body: AsyncIterable<Uint8Array>,
  maxBytes: number,
): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    if (size < maxBytes) {
      parts.push(
        Buffer.from(chunk.buffer, chunk.byteOffset, Math.min(chunk.byteLength, maxBytes - size)),
      );
    }
    size += chunk.byteLength;
  }
  return Buffer.concat(parts).toString("utf8");
}

export function parseJsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
