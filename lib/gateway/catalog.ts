import type { ProviderKind } from "@/lib/gateway/providers/registry";

/**
 * The in-memory picture of what can serve traffic: providers, their credentials
 * (decrypted) and deployments with prices. The hot path reads only this; it is
 * rebuilt from Postgres at start and whenever another instance announces a change.
 */
export interface CatalogProvider {
  id: string;
  name: string;
  kind: ProviderKind;
  baseUrl: string;
  enabled: boolean;
  simulated: boolean;
}

export interface CatalogCredential {
  id: string;
  providerId: string;
  label: string;
  apiKey: string;
  last4: string;
  simulated: boolean;
}

/**
 * What a deployment's model does. Chat deployments serve `/v1/chat/completions`,
 * `/v1/messages` and `/v1/responses`; embedding deployments serve `/v1/embeddings` only.
 * Routing never crosses kinds.
 */
export type DeploymentKind = "chat" | "embedding";

export interface CatalogDeployment {
  id: string;
  providerId: string;
  model: string;
  /** `provider/model`, the name a caller can always use. */
  publicName: string;
  aliases: readonly string[];
  inputPricePer1MMicros: number;
  outputPricePer1MMicros: number;
  cachedInputPricePer1MMicros: number | null;
  /** Anthropic cache writes; null or absent: the input price. */
  cacheWritePricePer1MMicros?: number | null;
  /** What tenants are billed per 1M tokens; null or absent: their plan's overage price. */
  billedPricePer1MMicros?: number | null;
  /**
   * Tokens: for chat, prompt plus output; for an embedding model, the most one input may
   * hold (a request may carry many inputs).
   */
  contextWindow: number | null;
  kind: DeploymentKind;
}

export interface Catalog {
  providers: ReadonlyMap<string, CatalogProvider>;
  credentialsByProvider: ReadonlyMap<string, readonly CatalogCredential[]>;
  deployments: readonly CatalogDeployment[];
}

export const EMPTY_CATALOG: Catalog = {
  providers: new Map(),
  credentialsByProvider: new Map(),
  deployments: [],
};
