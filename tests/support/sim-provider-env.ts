/**
 * The environment that points a gateway process at a test's simulator: the keys given
 * per provider (several = several credentials), each provider's base URL at the
 * simulator, and simulated mode off so the keys are used as real ones would be.
 */
import type { Simulator } from "@/lib/simulator";

const ENV_NAMES = {
  openai: "OPENAI",
  deepseek: "DEEPSEEK",
  openrouter: "OPENROUTER",
  gemini: "GEMINI",
  anthropic: "ANTHROPIC",
  groq: "GROQ",
} as const;

export type EnvProvider = keyof typeof ENV_NAMES;

export function simProviderEnv(
  sim: Simulator,
  keys: Partial<Record<EnvProvider, string[]>>,
  extra: Record<string, string> = {},
): Record<string, string> {
  const env: Record<string, string> = { GATEWAY_SIMULATED_PROVIDERS: "0" };
  for (const [provider, list] of Object.entries(keys) as [EnvProvider, string[]][]) {
    env[`${ENV_NAMES[provider]}_API_KEY`] = list.join(",");
    env[`${ENV_NAMES[provider]}_BASE_URL`] = sim.baseUrlFor(provider);
  }
  return { ...env, ...extra };
}
