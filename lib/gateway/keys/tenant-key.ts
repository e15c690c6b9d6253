import type { KeyLimits } from "@/lib/gateway/limits/limit-rules";

/** What the hot path needs to know about a tenant key. */
export interface TenantKey {
  keyId: string;
  tenantId: string;
  hash: string;
  allowedModels: readonly string[];
  requestsPerMinute: number | null;
  tokensPerMinute: number | null;
  /** The tenant's plan, as far as metering prices a request (see metering/usage-money). */
  plan: { id: string; name: string; overagePricePer1MMicros: number | null };
  /** The key's and its tenant's limits (plan defaults applied). */
  limits: KeyLimits;
  expiresAt: number | null;
  revoked: boolean;
  tenantActive: boolean;
  /** The tenant is suspended (not deleted): its keys get 403 `tenant_suspended`. */
  tenantSuspended?: boolean;
}
