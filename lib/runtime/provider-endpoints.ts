import { PROVIDERS, providerDefinition, type ProviderKind } from "@/lib/gateway/providers/registry";

/** Whether to serve from the built-in simulator: forced by the variable, else when no provider key is set. */
export function simulatedModeFromEnv(source: NodeJS.ProcessEnv): boolean {
  const flag = source.GATEWAY_SIMULATED_PROVIDERS;
  if (flag === "1") return true;
  if (flag === "0") return false;
  return !PROVIDERS.some((p) => p.keyEnv && source[p.keyEnv]?.trim());
}

/** The simulator's base URL for a provider, in that provider's SDK convention. */
export function simulatorBaseUrl(simulatorUrl: string, providerId: string, kind: ProviderKind): string {
  const root = `${simulatorUrl.replace(/\/+$/, "")}/${providerId}`;
  return kind === "openai_compatible" ? `${root}/v1` : root;
}

/**
 * Where a provider's traffic goes: the simulator in demo mode, else the `*_BASE_URL`
 * override, else the stored (public) URL. Resolved at run time, never stored, so a
 * test or proxy setting never leaks into the database.
 */
export function resolveBaseUrl(providerId: string, stored: string, source: NodeJS.ProcessEnv, simulatorUrl: string | undefined): string {
  const def = providerDefinition(providerId);
  if (simulatorUrl) return simulatorBaseUrl(simulatorUrl, providerId, def?.kind ?? "openai_compatible");
  const override = def?.baseUrlEnv ? source[def.baseUrlEnv]?.trim() : undefined;
  return override || stored;
}
