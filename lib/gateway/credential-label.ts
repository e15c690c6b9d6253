import type { Catalog } from "./catalog";

/**
 * How logs, alerts and pages name a provider's credentials: each label and the last four
 * characters of its key, e.g. `deepseek-1 (…k9Qz)`. Never the key, never the internal id.
 * @returns the provider's configured credentials (empty for an unknown provider)
 */
export function credentialNames(
  catalog: Catalog,
  providerId: string,
): { id: string; label: string }[] {
  return (catalog.credentialsByProvider.get(providerId) ?? []).map((c) => ({
    id: c.id,
    label: `${c.label} (…${c.last4})`,
  }));
}
