import { request } from "undici";

/**
 * Helpers for the simulator's own tests: real loopback HTTP through undici, and a small SSE
 * reader that yields events as they arrive (so a test can act after exactly k of them).
 */

/**
 * A decoded wire payload. Tests walk deep into provider responses and check them with
 * assertions, so a precise static type would only restate what the assertions check.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Payload = any;

export interface SseEvent {
  event?: string;
  data: string;
}

export interface Posted {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: AsyncIterable<Buffer>;
  text(): Promise<string>;
  json(): Promise<unknown>;
}

export async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<Posted> {
  const res = await request(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
    signal,
  });
  return {
    status: res.statusCode,
    headers: res.headers,
    body: res.body,
    text: () => res.body.text(),
    json: () => res.body.json(),
  };
}

export async function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: unknown }> {
  const res = await request(url, { headers });
  return { status: res.statusCode, json: await res.body.json() };
}

/** Parses SSE incrementally; accepts both LF and CRLF framing (Gemini uses CRLF). */
export async function* sseEvents(body: AsyncIterable<Buffer | string>): AsyncGenerator<SseEvent> {
  let buffer = "";
  for await (const chunk of body) {
    buffer += chunk.toString().replace(/\r\n/g, "\n");
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const ev: SseEvent = { data: "" };
      const data: string[] = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event:")) ev.event = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
      }
      ev.data = data.join("\n");
      yield ev;
    }
  }
}

export async function collectSse(body: AsyncIterable<Buffer | string>): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  for await (const ev of sseEvents(body)) events.push(ev);
  return events;
}

/** JSON payloads of the events, skipping OpenAI's `[DONE]` terminator. */
export function payloads(events: SseEvent[]): Record<string, unknown>[] {
  return events
    .filter((e) => e.data !== "[DONE]")
    .map((e) => JSON.parse(e.data) as Record<string, unknown>);
}
