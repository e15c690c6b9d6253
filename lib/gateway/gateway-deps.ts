import type { Logger } from "pino";
import type { Catalog, CatalogCredential } from "@/lib/gateway/catalog";
import type { UpstreamFailure } from "@/lib/gateway/errors/error-class";
import type { UsageSink } from "@/lib/gateway/metering/usage-event";
import type { ProviderKind } from "@/lib/gateway/providers/registry";
import type { ProviderAdapter } from "@/lib/gateway/providers/types";
import type { Candidate } from "@/lib/gateway/router/rank-candidates";
import type { UpstreamClient } from "@/lib/gateway/upstream/upstream-client";
import type { TenantKey } from "@/lib/tenants/key-cache";

/**
 * What the breakers tell the router and learn from each attempt. The default is
 * "everything healthy", which is what a gateway without breakers would assume.
 */
export interface HealthGate {
  isUsable(credential: CatalogCredential, providerId: string, now: number): boolean;
  onSuccess(candidate: Candidate, requestId: string): void;
  onFailure(candidate: Candidate, failure: UpstreamFailure, requestId: string): void;
}

export const ALWAYS_HEALTHY: HealthGate = { isUsable: () => true, onSuccess: () => {}, onFailure: () => {} };

export interface GatewayDeps {
  authenticate(rawKey: string | undefined): Promise<TenantKey>;
  catalog(): Catalog;
  adapters: Partial<Record<ProviderKind, ProviderAdapter>>;
  upstream: UpstreamClient;
  meter: UsageSink;
  health: HealthGate;
  log: Logger;
  /** Extra response headers, e.g. a label when serving from the simulator. */
  extraHeaders?: Record<string, string>;
}
