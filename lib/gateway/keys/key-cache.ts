import { DATABASE_RETRY_AFTER_SECONDS } from "@/lib/database/database-error";
import { ApiError } from "@/lib/errors";
import { hashApiKey } from "./api-key";
import type { TenantKey } from "./tenant-key";

export type KeyLoader = (hash: string) => Promise<TenantKey | null>;

interface Entry {
  value: TenantKey | null;
  loadedAt: number;
}

/**
 * Tenant keys by SHA-256, kept in memory so authentication costs no database round
 * trip. Revocations arrive by NOTIFY and evict at once; the TTL bounds staleness if a
 * notification is ever missed. Unknown keys are remembered briefly so a flood of bad
 * keys cannot turn into a flood of queries. While Postgres is away, known keys keep
 * working from their (stale) entries and keys never seen fail closed with a 503.
 */
export class KeyCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<TenantKey | null>>();
  /** The last load failed: Postgres is away, stale entries are served without waiting. */
  private storeDown = false;
  /** Bumped on every eviction so a load that raced a revoke is not cached. */
  private generation = 0;

  constructor(
    private readonly load: KeyLoader,
    private readonly ttlMs = 60_000,
    private readonly negativeTtlMs = 5_000,
    private readonly maxEntries = 100_000,
  ) {}

  async authenticate(rawKey: string | undefined, now = Date.now()): Promise<TenantKey> {
    if (!rawKey) {
      throw new ApiError(
        "invalid_api_key",
        "You didn't provide an API key. Send it as 'Authorization: Bearer <key>'.",
      );
    }
    const hash = hashApiKey(rawKey);
    const key = await this.lookup(hash, now);
    if (key && !key.revoked && key.tenantSuspended) {
      throw new ApiError(
        "tenant_suspended",
        "The organization this API key belongs to is suspended. Contact the gateway's operator.",
      );
    }
    if (!key || key.revoked || !key.tenantActive) {
      throw new ApiError(
        "invalid_api_key",
        "Incorrect API key provided. The key is unknown or has been revoked.",
      );
    }
    if (key.expiresAt !== null && key.expiresAt <= now) {
      throw new ApiError("invalid_api_key", "The API key provided has expired.");
    }
    return key;
  }

  private async lookup(hash: string, now: number): Promise<TenantKey | null> {
    const entry = this.entries.get(hash);
    if (entry && now - entry.loadedAt < (entry.value ? this.ttlMs : this.negativeTtlMs))
      return entry.value;
    if (entry?.value && this.storeDown) {
      // Postgres is known to be away: serve the stale entry now and refresh behind it,
      // so a revocation still wins as soon as Postgres answers.
      this.refresh(hash, now).catch(() => {});
      return entry.value;
    }
    try {
      return await this.refresh(hash, now);
    } catch {
      // Serve stale past its lifetime while Postgres is away; a key never seen fails closed.
      if (entry?.value) return entry.value;
      throw new ApiError(
        "service_unavailable",
        "API keys cannot be checked right now (the database is unavailable). Retry shortly.",
        {
          headers: { "retry-after": String(DATABASE_RETRY_AFTER_SECONDS) },
        },
      );
    }
  }

  /** Loads one key (one load per hash at a time) and caches the answer. */
  private async refresh(hash: string, now: number): Promise<TenantKey | null> {
    const generation = this.generation;
    let pending = this.inflight.get(hash);
    if (!pending) {
      pending = this.load(hash).finally(() => this.inflight.delete(hash));
      this.inflight.set(hash, pending);
    }
    let value: TenantKey | null;
    try {
      value = await pending;
    } catch (err) {
      this.storeDown = true;
      throw err;
    }
    this.storeDown = false;
    if (generation !== this.generation) return value;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(hash, { value, loadedAt: now });
    return value;
  }

  /**
   * Marks every entry due for reload (e.g. after missed notifications) while keeping it
   * as the stale answer should Postgres be away.
   */
  expireAll(): void {
    this.generation++;
    for (const entry of this.entries.values()) entry.loadedAt = -Infinity;
  }

  evictKey(hash: string): void {
    this.generation++;
    this.entries.delete(hash);
  }

  evictTenant(tenantId: string): void {
    this.generation++;
    for (const [hash, entry] of this.entries)
      if (entry.value?.tenantId === tenantId) this.entries.delete(hash);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }
}
