/**
 * The simulator's base URL for a provider, in that provider's SDK convention:
 * `{origin}/{slug}/v1` for OpenAI-compatible slugs, `{origin}/anthropic` and
 * `{origin}/gemini` for the native APIs. Its own module so the gateway runtime can
 * use it without loading the simulator.
 */
export function simulatorBaseUrl(origin: string, provider: string): string {
  if (provider === "anthropic" || provider === "gemini") return `${origin}/${provider}`;
  return `${origin}/${provider}/v1`;
}
