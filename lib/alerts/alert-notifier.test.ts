import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  AlertNotifier,
  type AlertDelivery,
  type AlertStore,
  type NewAlertRecord,
} from "./alert-notifier";

const silent = pino({ level: "silent" });

type Row = NewAlertRecord & AlertDelivery & { id: bigint };

class MemoryStore implements AlertStore {
  rows: Row[] = [];
  async create(input: NewAlertRecord): Promise<bigint> {
    const id = BigInt(this.rows.length + 1);
    this.rows.push({ ...input, id, attempts: 0 });
    return id;
  }
  async markDelivery(id: bigint, delivery: AlertDelivery): Promise<void> {
    const row = this.rows.find((r) => r.id === id);
    if (!row) throw new Error(`no alert ${id}`);
    Object.assign(
      row,
      Object.fromEntries(Object.entries(delivery).filter(([, v]) => v !== undefined)),
    );
  }
}

/** A real webhook receiver: answers with the queued statuses (then 200) and hands each request's JSON to waiters. */
class Receiver {
  readonly bodies: Record<string, unknown>[] = [];
  private readonly waiters: { count: number; resolve: () => void }[] = [];
  private statuses: number[] = [];
  private server!: Server;
  url = "";

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        this.bodies.push(
          JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>,
        );
        res.statusCode = this.statuses.shift() ?? 200;
        res.end("ok");
        for (const w of this.waiters.filter((w) => this.bodies.length >= w.count)) w.resolve();
      });
    });
    this.server.listen(0, "127.0.0.1");
    await once(this.server, "listening");
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/alerts`;
  }

  respondWith(...statuses: number[]): void {
    this.statuses = statuses;
  }

  /** Resolves once `count` requests in total have arrived. */
  received(count: number): Promise<void> {
    if (this.bodies.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, "close");
  }
}

const quarantined = {
  kind: "breaker_quarantined" as const,
  text: ":rotating_light: DeepSeek key deepseek-env-1 (…abcd) quarantined: permanent_auth 401 invalid_api_key. A person must close it in the dashboard.",
  details: {
    providerId: "deepseek",
    credentialLabel: "deepseek-env-1",
    last4: "abcd",
    errorClass: "permanent_auth",
    httpStatus: 401,
  },
};

let receiver: Receiver;
let store: MemoryStore;
let notifier: AlertNotifier | undefined;

beforeEach(async () => {
  receiver = new Receiver();
  await receiver.start();
  store = new MemoryStore();
});

afterEach(async () => {
  await notifier?.close();
  notifier = undefined;
  await receiver.stop();
});

describe("AlertNotifier", () => {
  it("stores the alert and POSTs it once with the agreed JSON", async () => {
    notifier = new AlertNotifier({
      webhookUrl: receiver.url,
      store,
      log: silent,
      retryDelaysMs: [10, 20],
    });
    expect(notifier.notify(quarantined)).toBeUndefined();
    await receiver.received(1);
    await notifier.close();

    expect(receiver.bodies).toHaveLength(1);
    const body = receiver.bodies[0]!;
    expect(body).toEqual({
      text: quarantined.text,
      kind: "breaker_quarantined",
      ...quarantined.details,
      alertId: "1",
      createdAt: store.rows[0]!.createdAt.toISOString(),
    });
    expect(store.rows).toHaveLength(1);
    expect(store.rows[0]).toMatchObject({
      kind: "breaker_quarantined",
      message: quarantined.text,
      payload: quarantined.details,
      attempts: 1,
    });
    expect(store.rows[0]!.deliveredAt).toBeInstanceOf(Date);
    expect(store.rows[0]!.lastError).toBeUndefined();
  });

  it("retries after a 500 and records both attempts", async () => {
    receiver.respondWith(500);
    notifier = new AlertNotifier({
      webhookUrl: receiver.url,
      store,
      log: silent,
      retryDelaysMs: [10, 20],
    });
    notifier.notify(quarantined);
    await receiver.received(2);
    await notifier.close();

    expect(receiver.bodies).toHaveLength(2);
    expect(receiver.bodies[1]).toEqual(receiver.bodies[0]);
    expect(store.rows[0]).toMatchObject({ attempts: 2, lastError: "HTTP 500" });
    expect(store.rows[0]!.deliveredAt).toBeInstanceOf(Date);
  });

  it("gives up after the last retry delay, leaving the row undelivered", async () => {
    receiver.respondWith(500, 502, 503);
    notifier = new AlertNotifier({
      webhookUrl: receiver.url,
      store,
      log: silent,
      retryDelaysMs: [10, 20],
    });
    notifier.notify(quarantined);
    await receiver.received(3);
    await notifier.close();

    expect(receiver.bodies).toHaveLength(3);
    expect(store.rows[0]).toMatchObject({ attempts: 3, lastError: "HTTP 503" });
    expect(store.rows[0]!.deliveredAt).toBeUndefined();
  });

  it("retries a transport failure", async () => {
    let calls = 0;
    const post = async (url: string, body: string) => {
      if (++calls === 1)
        throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), {
          code: "ECONNREFUSED",
        });
      const res = await fetch(url, {
        method: "POST",
        body,
        headers: { "content-type": "application/json" },
      });
      return { status: res.status };
    };
    notifier = new AlertNotifier({
      webhookUrl: receiver.url,
      store,
      log: silent,
      post,
      retryDelaysMs: [10],
    });
    notifier.notify(quarantined);
    await receiver.received(1);
    await notifier.close();

    expect(store.rows[0]).toMatchObject({
      attempts: 2,
      lastError: "ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9",
    });
    expect(store.rows[0]!.deliveredAt).toBeInstanceOf(Date);
  });

  it("close() cancels a pending retry instead of waiting it out", async () => {
    receiver.respondWith(500);
    notifier = new AlertNotifier({
      webhookUrl: receiver.url,
      store,
      log: silent,
      retryDelaysMs: [60_000],
    });
    notifier.notify(quarantined);
    await receiver.received(1);
    const started = Date.now();
    await notifier.close();

    expect(Date.now() - started).toBeLessThan(1_000);
    expect(receiver.bodies).toHaveLength(1);
    expect(store.rows[0]).toMatchObject({ attempts: 1, lastError: "HTTP 500" });
  });

  it("suppresses alerts with the same dedupe key within the window and reports the count in the next one", async () => {
    let clock = 1_000_000;
    notifier = new AlertNotifier({
      webhookUrl: receiver.url,
      store,
      log: silent,
      dedupeWindowMs: 60_000,
      now: () => clock,
    });
    const alert = { ...quarantined, dedupeKey: "credential:deepseek-env-1:quarantined" };
    notifier.notify(alert);
    clock += 1_000;
    notifier.notify(alert);
    clock += 58_000;
    notifier.notify({ ...alert, text: "another wording, same event" });
    notifier.notify({ ...alert, dedupeKey: "credential:other:quarantined" });
    await receiver.received(2);
    expect(store.rows).toHaveLength(2);

    clock += 1_000; // 60 s after the first one went out
    notifier.notify(alert);
    await receiver.received(3);
    await notifier.close();

    expect(store.rows).toHaveLength(3);
    expect(receiver.bodies[2]).toMatchObject({ suppressed: 2, alertId: "3" });
    expect(receiver.bodies[2]!.text).toBe(`${quarantined.text} (+2 similar in the last 1 min)`);
    expect(store.rows[2]!.payload).toMatchObject({ suppressed: 2 });
  });

  it("dedupes identical alerts without an explicit key", async () => {
    notifier = new AlertNotifier({ store, log: silent });
    for (let i = 0; i < 1000; i++) notifier.notify(quarantined);
    await notifier.close();
    expect(store.rows).toHaveLength(1);
  });

  it("only stores the alert when no webhook is configured", async () => {
    notifier = new AlertNotifier({ webhookUrl: "", store, log: silent });
    notifier.notify(quarantined);
    await notifier.close();

    expect(store.rows).toHaveLength(1);
    expect(store.rows[0]).toMatchObject({ message: quarantined.text, attempts: 0 });
    expect(store.rows[0]!.deliveredAt).toBeUndefined();
    expect(receiver.bodies).toHaveLength(0);
  });

  it("redacts anything key-like in the text, stored and sent", async () => {
    notifier = new AlertNotifier({ webhookUrl: receiver.url, store, log: silent });
    notifier.notify({
      ...quarantined,
      text: "OpenAI key openai-1 quarantined:\nIncorrect API key provided: sk-proj-Abc123Def456Ghi789Jkl012 (Bearer abc.def.ghi)",
    });
    await receiver.received(1);
    await notifier.close();

    const sent = receiver.bodies[0]!.text as string;
    expect(sent).toBe(store.rows[0]!.message);
    expect(sent).not.toContain("sk-proj");
    expect(sent).not.toContain("Abc123Def456");
    expect(sent).not.toContain("abc.def.ghi");
    expect(sent).not.toContain("\n");
    expect(sent).toContain("[redacted]");
    expect(sent.startsWith("OpenAI key openai-1 quarantined: ")).toBe(true);
  });

  it("never throws into the caller, and still sends the webhook when the store fails", async () => {
    const failing: AlertStore = {
      create: () => Promise.reject(new Error("database is down")),
      markDelivery: () => Promise.reject(new Error("database is down")),
    };
    notifier = new AlertNotifier({ webhookUrl: receiver.url, store: failing, log: silent });
    expect(() => notifier!.notify(quarantined)).not.toThrow();
    expect(() =>
      notifier!.notify({ ...quarantined, dedupeKey: "x", details: { self: circular() } }),
    ).not.toThrow();
    await receiver.received(2);
    await notifier.close();

    expect(receiver.bodies.map((b) => b.alertId)).toEqual([null, null]);
  });

  it("turns BigInt details into strings and keeps text and kind its own", async () => {
    notifier = new AlertNotifier({ webhookUrl: receiver.url, store, log: silent });
    notifier.notify({
      ...quarantined,
      details: { eventId: 12n, text: "spoofed", kind: "spoofed" },
    });
    await receiver.received(1);
    await notifier.close();

    expect(receiver.bodies[0]).toMatchObject({
      eventId: "12",
      text: quarantined.text,
      kind: "breaker_quarantined",
    });
  });

  it("drops alerts past maxInFlight without silencing their key", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: AlertStore = {
      create: async (input) => (await gate, store.create(input)),
      markDelivery: (id, d) => store.markDelivery(id, d),
    };
    notifier = new AlertNotifier({ store: slow, log: silent, maxInFlight: 1 });
    notifier.notify({ ...quarantined, dedupeKey: "a" });
    notifier.notify({ ...quarantined, dedupeKey: "b" });
    release();
    await notifier.close();
    expect(store.rows).toHaveLength(1);

    notifier = new AlertNotifier({ store, log: silent, maxInFlight: 1 });
    notifier.notify({ ...quarantined, dedupeKey: "b" });
    await notifier.close();
    expect(store.rows).toHaveLength(2);
  });

  it("drops alerts raised after close()", async () => {
    notifier = new AlertNotifier({ store, log: silent });
    await notifier.close();
    notifier.notify(quarantined);
    await notifier.close();
    expect(store.rows).toHaveLength(0);
  });
});

function circular(): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  o.self = o;
  return o;
}
