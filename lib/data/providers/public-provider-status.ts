/**
 * What anyone may see of a provider: its name, whether it is configured, simulated and
 * online (if not, why, in general words), and its provider-wide breaker. Nothing that
 * names or identifies a credential.
 */
export function publicProviderStatus(p: {
  id: string;
  name: string;
  configured: boolean;
  simulated: boolean;
  online: boolean;
  offlineReason: string | null;
  state: string;
  models: string[];
}) {
  return {
    id: p.id,
    name: p.name,
    configured: p.configured,
    simulated: p.simulated,
    online: p.online,
    offlineReason: p.offlineReason,
    state: p.state,
    models: p.models,
  };
}
