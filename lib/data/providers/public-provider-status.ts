/**
 * What anyone may see of a provider: its name, whether it is configured, simulated and
 * online, and its provider-wide breaker (up or down). Nothing about credentials.
 */
export function publicProviderStatus(p: { id: string; name: string; configured: boolean; simulated: boolean; online: boolean; state: string; models: string[] }) {
  return { id: p.id, name: p.name, configured: p.configured, simulated: p.simulated, online: p.online, state: p.state, models: p.models };
}
