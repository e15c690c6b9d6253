import type { ProviderEnv } from "@/lib/config";
import { providerDefinition } from "@/lib/gateway/providers/registry";
import { simulatorBaseUrl } from "@/lib/simulator/base-url";

/**
 * Where a provider's traffic goes: the simulator in demo mode, else the `*_BASE_URL`
 * override from the configuration, else the stored (public) URL. Resolved at run time,
 * never stored, so a test or proxy setting never leaks into the database.
 */
export function resolveBaseUrl(
  providerId: string,
  stored: string,
  providers: Readonly<Record<string, ProviderEnv>>,
  simulatorUrl: string | undefined,
): string {
  if (simulatorUrl) return simulatorBaseUrl(simulatorUrl, providerId);
  if (!providerDefinition(providerId)) return stored;
  return providers[providerId]?.baseUrl ?? stored;
}
