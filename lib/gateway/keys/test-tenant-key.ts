import { NO_LIMIT_SET } from "@/lib/gateway/limits/limit-rules";
import { hashApiKey } from "./api-key";
import type { TenantKey } from "./tenant-key";

/** A known, active tenant key for the cache's tests: no limits, plan at $5 per 1M tokens. */
export function tenantKey(raw: string, over: Partial<TenantKey> = {}): TenantKey {
  return {
    keyId: "k1",
    tenantId: "t1",
    hash: hashApiKey(raw),
    allowedModels: [],
    requestsPerMinute: null,
    tokensPerMinute: null,
    plan: { id: "p", name: "default", overagePricePer1MMicros: 5_000_000 },
    limits: {
      key: NO_LIMIT_SET,
      tenant: NO_LIMIT_SET,
      includedTokens: 0,
      overagePricePer1MMicros: 5_000_000,
    },
    expiresAt: null,
    revoked: false,
    tenantActive: true,
    ...over,
  };
}
