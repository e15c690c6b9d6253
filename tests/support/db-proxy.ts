/**
 * A loopback TCP proxy in front of Postgres that a test can take down (connections cut,
 * new ones refused, as when Postgres stops), hang (bytes held, as when it is frozen)
 * and bring back, without touching the Postgres the rest of the suite shares.
 */
import net from "node:net";

export interface DbProxy {
  /** `url` with its host and port replaced by the proxy's. */
  url: string;
  /** Cuts every connection and refuses new ones. */
  down(): void;
  /** Holds every byte in both directions; connections stay open and silent. */
  hang(): void;
  /** Forwards again (held connections resume). */
  up(): void;
  close(): Promise<void>;
}

export async function startDbProxy(targetUrl: string): Promise<DbProxy> {
  const target = new URL(targetUrl);
  const targetPort = Number(target.port || 5432);
  let mode: "up" | "down" | "hang" = "up";
  const pairs = new Set<[net.Socket, net.Socket]>();

  const server = net.createServer((client) => {
    if (mode === "down") {
      client.destroy();
      return;
    }
    const upstream = net.connect(targetPort, target.hostname);
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    const drop = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
    if (mode === "hang") {
      client.pause();
      upstream.pause();
    } else {
      client.pipe(upstream);
      upstream.pipe(client);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  const url = new URL(targetUrl);
  url.hostname = "127.0.0.1";
  url.port = String(port);

  const down = () => {
    mode = "down";
    for (const [a, b] of [...pairs]) {
      a.destroy();
      b.destroy();
    }
    pairs.clear();
  };
  return {
    url: url.toString(),
    down,
    hang() {
      mode = "hang";
      for (const [a, b] of pairs) {
        a.unpipe(b);
        b.unpipe(a);
        a.pause();
        b.pause();
      }
    },
    up() {
      const wasHung = mode === "hang";
      mode = "up";
      if (wasHung) {
        for (const [a, b] of pairs) {
          a.pipe(b);
          b.pipe(a);
          a.resume();
          b.resume();
        }
      }
    },
    async close() {
      down();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
