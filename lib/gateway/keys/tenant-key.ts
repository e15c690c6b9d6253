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
  /** When the key itself expires (epoch ms); null: never. */
  expiresAt: number | null;
  /**
   * When this secret of the key stops working (epoch ms): set on a secret a rotation
   * replaced, to the end of its grace period; null or absent on the newest secret.
   */
  secretEndsAt?: number | null;
  revoked: boolean;
  tenantActive: boolean;
  /** The tenant is suspended (not deleted): its keys get 403 `tenant_suspended`. */
  tenantSuspended?: boolean;
}
