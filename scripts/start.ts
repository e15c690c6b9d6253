/**
 * `npm start`: everything a first run needs, then serve. Parses the configuration
 * first (a bad value stops here, in one line, before anything heavy loads), builds the
 * app if no build exists (or sources changed), starts the embedded Postgres when
 * DATABASE_URL is unset, migrates, seeds, serves the gateway and dashboard on PORT, and
 * prints first-run secrets once it listens. A taken PORT stops it before the build.
 */
import { loadConfigOrExit } from "@/lib/config";

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  Object.assign(process.env, { NODE_ENV: "production" });
  // A taken port fails here, in a second, not after minutes of building and a first seed.
  const { assertPortFree } = await import("@/lib/server/port-free");
  await assertPortFree(config.PORT);
  const { ensureBuild } = await import("./ensure-build");
  ensureBuild();
  const { bootGateway } = await import("@/lib/runtime/process-gateway");
  const { autoIssueInvoices } = await import("@/lib/admin/invoices/auto-issue-invoices");
  const { startBanner } = await import("@/lib/runtime/start-banner");
  const { issueFirstRunSecrets } = await import("@/lib/runtime/first-run-secrets");
  const { stopOnSignals } = await import("@/lib/server/graceful-shutdown");
  const { startServer } = await import("../server");

  // Booted before Next prepares, so the instrumentation hook finds it and stands aside.
  const boot = await bootGateway(config, "start-script", {
    issueDueInvoices: autoIssueInvoices,
  }).boot;
  const { server, drainer } = await startServer({
    port: config.PORT,
    v1Door: config.GATEWAY_V1_DOOR,
    trustProxyHops: config.GATEWAY_TRUST_PROXY,
  });
  stopOnSignals(drainer, config.GATEWAY_DRAIN_TIMEOUT_MS);
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  // Generated only now that the server listens: a start that failed before stored none.
  console.log(startBanner(port, boot, await issueFirstRunSecrets(boot)));
}

main().catch(async (err: Error) => {
  const { log } = await import("@/lib/log");
  log().fatal({ err: err.message }, "start failed");
  process.exit(1);
});
