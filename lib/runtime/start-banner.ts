import path from "node:path";
import type { Bootstrapped } from "./bootstrap";
import type { FirstRunSecrets } from "./first-run-secrets";

/**
 * The start-up banner: where the gateway listens, which database and providers it
 * uses, and the secrets generated on a first start (shown this once only).
 * Tests and scripts wait for its "ready at http://localhost:PORT" line.
 */
export function startBanner(port: number, boot: Bootstrapped, firstRun: FirstRunSecrets): string {
  const { config } = boot.context;
  const url = `http://localhost:${port}`;
  const lines = [
    "",
    `  LLM Gateway ready at ${url}`,
    `  OpenAI-compatible endpoint: ${url}/v1   dashboard: ${url}/`,
    // The real location: GATEWAY_DATA_DIR moves it away from the default `.data/`.
    `  Database: ${boot.database.embedded ? `embedded Postgres (${path.join(config.GATEWAY_DATA_DIR, "postgres")})` : "DATABASE_URL"}`,
  ];
  if (config.simulated) {
    lines.push(
      "  Providers: SIMULATED (no provider key set; answers come from the built-in simulator, not a real model)",
    );
    // The fault control (README: "Chaos") lives here: tests and `npm run chaos` need its address.
    if (boot.simulator)
      lines.push(
        `  Simulator: ${boot.simulator.url}   fault control: ${boot.simulator.url}/_sim/faults`,
      );
  } else {
    const live = Object.entries(config.providers)
      .filter(([, p]) => p.keys.length > 0)
      .map(([id]) => id);
    lines.push(
      `  Providers live: ${live.join(", ") || "none from the environment"} (${boot.envCredentials} credential(s))`,
    );
  }
  const { adminApiKey, adminEmail, adminPassword } = firstRun;
  if (adminApiKey || adminPassword) {
    lines.push(
      "",
      "  First start: these secrets are shown once and stored only as hashes. Keep them now.",
    );
    if (adminApiKey) lines.push(`    ADMIN_API_KEY   ${adminApiKey}`);
    if (adminPassword) lines.push(`    Dashboard login ${adminEmail} / ${adminPassword}`);
  }
  lines.push("");
  return lines.join("\n");
}
