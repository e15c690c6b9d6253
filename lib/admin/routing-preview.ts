import type { RoutingInputs } from "@/lib/data/deployments/list-routing-inputs";

/** The request the preview prices: a short prompt and a typical answer (tokens). */
export const PREVIEW_TOKENS = { inputTokens: 1_000, outputTokens: 256 } as const;

export interface PreviewCandidate {
  rank: number;
  model: string;
  deploymentId: string;
  provider: string;
  credentialId: string | null;
  credential: string | null;
  inputPricePer1MMicros: number;
  outputPricePer1MMicros: number;
  /** Upstream cost of the preview request here, exact, pico-dollars. */
  expectedCostPicos: number;
  /** The same to the nearest micro-dollar. */
  expectedCostMicros: number;
  breakerState: string;
  /** null: usable now; otherwise why routing passes over it. */
  skipped: string | null;
  chosen: boolean;
}

/**
 * What `model` (`auto`, `provider/model` or an alias) would be routed to right now and
 * why: every deployment that answers to the name, cheapest first, each credential with
 * its breaker state, the reason it is skipped, and the first usable one marked chosen.
 * Mirrors the gateway's ranking (price, then name) from stored state; a half-open
 * breaker counts as usable because it admits a probe.
 */
export function routingPreview(
  model: string,
  inputs: RoutingInputs,
): {
  model: string;
  tokens: typeof PREVIEW_TOKENS;
  candidates: PreviewCandidate[];
  chosen: PreviewCandidate | null;
} {
  const breaker = new Map(inputs.breakers.map((b) => [b.scopeKey, b]));
  const provider = new Map(inputs.providers.map((p) => [p.id, p]));
  const matching = inputs.deployments
    .filter(
      (d) =>
        model === "auto" || `${d.providerId}/${d.model}` === model || d.aliases.includes(model),
    )
    // tokens x micro-dollars per 1M tokens = pico-dollars, a whole number.
    .map((d) => ({
      d,
      cost:
        PREVIEW_TOKENS.inputTokens * d.inputPricePer1MMicros +
        PREVIEW_TOKENS.outputTokens * d.outputPricePer1MMicros,
    }))
    .sort(
      (a, b) =>
        a.cost - b.cost ||
        `${a.d.providerId}/${a.d.model}`.localeCompare(`${b.d.providerId}/${b.d.model}`),
    );
  const candidates: PreviewCandidate[] = [];
  for (const { d, cost } of matching) {
    const p = provider.get(d.providerId);
    const providerBreaker = breaker.get(`provider:${d.providerId}`);
    const creds = inputs.credentials.filter((c) => c.providerId === d.providerId);
    const base = {
      model: `${d.providerId}/${d.model}`,
      deploymentId: d.id,
      provider: d.providerId,
      inputPricePer1MMicros: d.inputPricePer1MMicros,
      outputPricePer1MMicros: d.outputPricePer1MMicros,
      expectedCostPicos: cost,
      expectedCostMicros: Math.round(cost / 1_000_000),
    };
    const deploymentSkip = !d.enabled
      ? "deployment disabled"
      : !p?.enabled
        ? "provider disabled"
        : providerBreaker && providerBreaker.state === "open"
          ? `provider breaker open (${providerBreaker.lastErrorClass?.replace(/_/g, " ") ?? "failures"})`
          : creds.length === 0
            ? "no credential configured"
            : null;
    if (creds.length === 0) {
      candidates.push({
        ...base,
        rank: 0,
        credentialId: null,
        credential: null,
        breakerState: providerBreaker?.state ?? "closed",
        skipped: deploymentSkip ?? "no credential configured",
        chosen: false,
      });
      continue;
    }
    for (const c of creds) {
      const b = breaker.get(`credential:${c.id}`);
      const state = b?.state ?? "closed";
      const why = b?.lastErrorClass ? ` (${b.lastErrorClass.replace(/_/g, " ")})` : "";
      const credentialSkip =
        state === "quarantined"
          ? `credential quarantined${why}: a person must close it`
          : state === "open"
            ? `credential breaker open${why}${b?.retryAt ? ` until ${b.retryAt.toISOString()}` : ""}`
            : null;
      candidates.push({
        ...base,
        rank: 0,
        credentialId: c.id,
        credential: `${c.label} …${c.last4}`,
        breakerState: state,
        skipped: deploymentSkip ?? credentialSkip,
        chosen: false,
      });
    }
  }
  candidates.forEach((c, i) => (c.rank = i + 1));
  const chosen = candidates.find((c) => c.skipped === null) ?? null;
  if (chosen) chosen.chosen = true;
  return { model, tokens: PREVIEW_TOKENS, candidates, chosen };
}
