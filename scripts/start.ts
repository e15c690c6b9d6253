/**
 * `npm start`: everything a first run needs, then serve. Builds the app if no build
 * exists (or sources changed), starts the embedded Postgres when DATABASE_URL is unset, migrates, seeds,
 * prints first-run secrets once, and serves the gateway and dashboard on PORT.
 */
import path from "node:path";
import { disconnectPrisma } from "@/lib/db";
import { env } from "@/lib/env";
import { PROVIDERS } from "@/lib/gateway/providers/registry";
import { log } from "@/lib/log";
import { bootstrap } from "@/lib/runtime/bootstrap";
import { closeGatewayRuntime } from "@/lib/runtime/gateway-runtime";
import { startServer } from "../server";
import { ensureBuild } from "./ensure-build";

function banner(port: number, boot: Awaited<ReturnType<typeof bootstrap>>): string {
  const url = `http://localhost:${port}`;
  const lines = [
    "",
    `  LLM Gateway ready at ${url}`,
    `  OpenAI-compatible endpoint: ${url}/v1   dashboard: ${url}/`,
    // The real location: GATEWAY_DATA_DIR moves it away from the default `.data/`.
    `  Database: ${boot.database.embedded ? `embedded Postgres (${path.join(env().GATEWAY_DATA_DIR, "postgres")})` : "DATABASE_URL"}`,
  ];
  if (boot.simulated) {
    lines.push("  Providers: SIMULATED (no provider key set; answers come from the built-in simulator, not a real model)");
  } else {
    const live = PROVIDERS.filter((p) => p.keyEnv && process.env[p.keyEnv]?.trim()).map((p) => p.id);
    lines.push(`  Providers live: ${live.join(", ") || "none from the environment"} (${boot.envCredentials} credential(s))`);
  }
  const { adminApiKey, adminEmail, adminPassword } = boot.firstRun;
  if (adminApiKey || adminPassword) {
    lines.push("", "  First start: these secrets are shown once and stored only as hashes. Keep them now.");
    if (adminApiKey) lines.push(`    ADMIN_API_KEY   ${adminApiKey}`);
    if (adminPassword) lines.push(`    Dashboard login ${adminEmail} / ${adminPassword}`);
  }
  lines.push("");
  return lines.join("\n");
}

async function main(): Promise<void> {
  Object.assign(process.env, { NODE_ENV: "production" });
  ensureBuild();
  const config = env();
  const boot = await bootstrap();
  const door = process.env.GATEWAY_V1_DOOR === "next" ? "next" : "node";
  const server = await startServer({ port: config.PORT, v1Door: door });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  console.log(banner(port, boot));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log().info({ signal }, "shutting down");
    // Streams in flight get a grace period to finish, then are cut. Keep-alive
    // connections go as soon as they fall idle, not at the end of the grace period.
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    const force = setTimeout(() => server.closeAllConnections(), 10_000);
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    clearInterval(idle);
    clearTimeout(force);
    // The meter's last flush happens here, before the database goes away.
    await closeGatewayRuntime();
    await boot.simulator?.close();
    await disconnectPrisma();
    await boot.database.stop();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((err: Error) => {
  log().fatal({ err: err.message }, "start failed");
  process.exit(1);
});
