/**
 * A local HTTP endpoint standing in for ALERT_WEBHOOK_URL: it records every POSTed
 * alert and lets a test wait for the n-th one.
 */
import { once, EventEmitter } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedAlert {
  text: string;
  kind: string;
  [field: string]: unknown;
}

export interface WebhookReceiver {
  url: string;
  alerts: ReceivedAlert[];
  /** Resolves when at least `count` alerts have arrived (rejects after timeoutMs). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedAlert[]>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const alerts: ReceivedAlert[] = [];
  const events = new EventEmitter();
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      try {
        alerts.push(JSON.parse(body) as ReceivedAlert);
      } catch {
        alerts.push({ text: body, kind: "unparseable" });
      }
      res.writeHead(200).end("ok");
      events.emit("alert");
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    alerts,
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = AbortSignal.timeout(timeoutMs);
      while (alerts.length < count) {
        await once(events, "alert", { signal: deadline }).catch(() => {
          throw new Error(
            `expected ${count} alert(s) within ${timeoutMs} ms, got ${alerts.length}: ${JSON.stringify(alerts.map((a) => a.kind))}`,
          );
        });
      }
      return alerts;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
