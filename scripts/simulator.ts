/**
 * Starts the provider simulator on its own, for manual runs, the chaos script and a gateway
 * pointed at it through the *_BASE_URL variables.
 *
 *   PORT=4010 npx tsx scripts/simulator.ts
 */
import { loadConfigOrExit, parseSimulatorConfig } from "../lib/config";
import { startSimulator } from "../lib/simulator/index";

const { PORT: port, HOST: host } = loadConfigOrExit(parseSimulatorConfig);

const sim = await startSimulator({ port, host });

const envNames: Record<string, string> = {
  openai: "OPENAI_BASE_URL",
  deepseek: "DEEPSEEK_BASE_URL",
  openrouter: "OPENROUTER_BASE_URL",
  gemini: "GEMINI_BASE_URL",
  anthropic: "ANTHROPIC_BASE_URL",
};

console.log(`Provider simulator listening on ${sim.url}`);
for (const [provider, env] of Object.entries(envNames))
  console.log(`  ${env}=${sim.baseUrlFor(provider)}`);
console.log(`  any other OpenAI-compatible slug: ${sim.url}/{slug}/v1`);
console.log(
  `Control: POST|DELETE ${sim.url}/_sim/faults, GET ${sim.url}/_sim/stats, POST ${sim.url}/_sim/stats/reset`,
);

function shutdown() {
  void sim.close().then(() => process.exit(0));
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
