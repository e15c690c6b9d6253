/**
 * `npm start`: everything a first run needs, then serve. Parses the configuration
 * first (a bad value stops here, in one line, before anything heavy loads), builds the
 * app if no build exists (or sources changed), starts the embedded Postgres when
 * DATABASE_URL is unset, migrates, seeds, prints first-run secrets once, and serves
 * the gateway and dashboard on PORT.
 */
import { loadConfigOrExit } from "@/lib/config";

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  Object.assign(process.env, { NODE_ENV: "production" });
  const { ensureBuild } = await import("./ensure-build");
  ensureBuild();
  const { log } = await import("@/lib/log");
  const { bootGateway } = await import("@/lib/runtime/process-gateway");
  const { startBanner } = await import("@/lib/runtime/start-banner");
  const { shutdownGateway } = await import("@/lib/runtime/shutdown-gateway");
  const { startServer } = await import("../server");

  // Booted before Next prepares, so the instrumentation hook finds it and stands aside.
  const boot = await bootGateway(config, "start-script").boot;
  const server = await startServer({ port: config.PORT, v1Door: config.GATEWAY_V1_DOOR });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  console.log(startBanner(port, boot));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log().info({ signal }, "shutting down");
    // Streams in flight get a grace period to finish, then are cut. Keep-alive
    // connections go as soon as they fall idle, not at the end of the grace period.
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    const force = setTimeout(() => server.closeAllConnections(), config.GATEWAY_DRAIN_TIMEOUT_MS);
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    clearInterval(idle);
    clearTimeout(force);
    // The meter's last flush happens here, before the database goes away.
    await shutdownGateway();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch(async (err: Error) => {
  const { log } = await import("@/lib/log");
  log().fatal({ err: err.message }, "start failed");
  process.exit(1);
});
