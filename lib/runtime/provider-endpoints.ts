import { PROVIDERS, providerDefinition } from "@/lib/gateway/providers/registry";
import { simulatorBaseUrl } from "@/lib/simulator/base-url";

/** Whether to serve from the built-in simulator: forced by the variable, else when no provider key is set. */
export function simulatedModeFromEnv(source: NodeJS.ProcessEnv): boolean {
  const flag = source.GATEWAY_SIMULATED_PROVIDERS;
  if (flag === "1") return true;
  if (flag === "0") return false;
  return !PROVIDERS.some((p) => p.keyEnv && source[p.keyEnv]?.trim());
}

/**
 * Where a provider's traffic goes: the simulator in demo mode, else the `*_BASE_URL`
 * override, else the stored (public) URL. Resolved at run time, never stored, so a
 * test or proxy setting never leaks into the database.
 */
export function resolveBaseUrl(providerId: string, stored: string, source: NodeJS.ProcessEnv, simulatorUrl: string | undefined): string {
  const def = providerDefinition(providerId);
  if (simulatorUrl) return simulatorBaseUrl(simulatorUrl, providerId);
  const override = def?.baseUrlEnv ? source[def.baseUrlEnv]?.trim() : undefined;
  return override || stored;
}
