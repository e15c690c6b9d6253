import { createServer, type Server } from "node:http";
import next from "next";
import { toErrorResponse } from "@/lib/errors";
import { log } from "@/lib/log";
import { getGatewayRuntime } from "@/lib/runtime/gateway-runtime";
import { answerBeforeNext, answerRequestEdge } from "@/lib/server/before-next";
import { drainable, type Drainer } from "@/lib/server/drain";
import { lingerOnUnreadBody } from "@/lib/server/linger-close";
import { serveFromNode } from "@/lib/server/node-door";

export interface ServerOptions {
  port: number;
  hostname?: string;
  dir?: string;
  /**
   * `node` (default): `/v1/*` goes straight to the gateway core. `next`: through the
   * App Router's route handlers, the door `next start` and serverless hosts use; the
   * conformance suite runs both.
   */
  v1Door?: "node" | "next";
  /** GATEWAY_TRUST_PROXY: how many proxies' forwarded headers to believe (0: none). */
  trustProxyHops?: number;
}

/**
 * The product's server: one port, `/v1/*` handed to the gateway core before Next's
 * router sees it, everything else (dashboard, admin API, operations) to Next.
 * Returns the listening server and its drainer (for SIGTERM, see lib/server/drain.ts).
 */
export async function startServer(
  opts: ServerOptions,
): Promise<{ server: Server; drainer: Drainer }> {
  const app = next({
    dev: false,
    dir: opts.dir ?? process.cwd(),
    hostname: opts.hostname,
    port: opts.port,
  });
  const handleNext = app.getRequestHandler();
  await app.prepare();
  const runtime = await getGatewayRuntime();
  const fastV1 = (opts.v1Door ?? "node") === "node";

  const server = createServer((req, res) => {
    // The request line first, for `/v1/*` too: `*`, TRACE, absolute-form targets.
    if (answerRequestEdge(req, res)) return;
    if (fastV1 && req.url?.startsWith("/v1/")) {
      serveFromNode(runtime.gateway, req, res).catch((err: Error) => {
        log().error({ err: err.message }, "node door failed");
        // The API's one generic 500, without internals; mid-stream, the connection just ends.
        if (res.headersSent) return void res.end();
        const { status, headers, body } = toErrorResponse(err);
        res.writeHead(status, { ...headers, "content-type": "application/json" });
        res.end(JSON.stringify(body));
      });
      return;
    }
    if (answerBeforeNext(req, res, opts.trustProxyHops ?? 0)) return;
    void handleNext(req, res);
  });
  // Longer than common load balancers' idle timeout (60 s), so they close first.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const drainer = drainable(server);
  lingerOnUnreadBody(server);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.hostname ?? "0.0.0.0", () => resolve());
  });
  return { server, drainer };
}
