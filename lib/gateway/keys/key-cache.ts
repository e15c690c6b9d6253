import { DATABASE_RETRY_AFTER_SECONDS } from "@/lib/database/database-error";
import { ApiError } from "@/lib/errors";
import { hashApiKey } from "./api-key";
import type { IssuedKeyFilter } from "./issued-key-filter";
import type { TenantKey } from "./tenant-key";

export type KeyLoader = (hash: string) => Promise<TenantKey | null>;

interface Entry {
  value: TenantKey;
  loadedAt: number;
}

/** One key's load from Postgres, shared by every request that needs it meanwhile. */
interface Check {
  done: Promise<TenantKey | null>;
  /** When it began (the clock `authenticate` is given), so joiners wait out only the rest. */
  startedAt: number;
}

/** How long a request with a known, expired key waits for its check (the stale-while-checking bound). */
export const KEY_CHECK_WAIT_MS = 250;

/**
 * Tenant keys by SHA-256, kept in memory so authentication costs no database round
 * trip. Revocations and edits arrive by NOTIFY and evict at once; the TTL bounds
 * staleness if a notification is ever missed. A key has one entry per live secret: a
 * secret a rotation replaced carries the end of its grace period (`secretEndsAt`) and
 * refuses itself from then on, with no event needed at that moment. Unknown keys are
 * remembered briefly so a flood of bad keys cannot turn into a flood of queries.
 *
 * Stale while checking: a known key whose entry has expired is checked again, one check
 * per key at a time, however many requests arrive. If Postgres answers within
 * `checkWaitMs` (250 ms) the answer is used (a revocation wins at once); if it does not
 * (hung, slow, or away) the request is served from the stale entry and the check keeps
 * running behind it, so the first request after the answer sees it. Keys never seen
 * wait for Postgres and fail closed with a 503 when it does not answer.
 *
 * Bounded against floods of made-up keys: with an `issued` filter, a key that was never
 * issued is refused before any lookup. Known keys and unknown ones are kept apart, so
 * unknown keys (bounded by `maxEntries`, emptied when full) never push a known key out:
 * known entries are bounded by the keys actually issued.
 */
export class KeyCache {
  /** Keys Postgres knows (revoked ones included): bounded by the keys issued. */
  private readonly entries = new Map<string, Entry>();
  /** Hashes Postgres did not know, remembered `negativeTtlMs`. */
  private readonly unknown = new Map<string, number>();
  private readonly inflight = new Map<string, Check>();
  /** The last load failed: Postgres is away, stale entries are served without waiting. */
  private storeDown = false;
  /** Bumped on every eviction so a load that raced a revoke is not cached. */
  private generation = 0;

  /**
   * `ttlMs`: how long an entry is trusted without a check; `negativeTtlMs`: the same for
   * an unknown key; `maxEntries`: how many unknown keys are remembered (that memory is
   * emptied when full, known keys never are); `checkWaitMs`: how long a known, expired key
   * waits for its check before it is served stale (all in milliseconds); `issued`: the
   * filter of issued key hashes that refuses made-up keys without a lookup.
   */
  constructor(
    private readonly load: KeyLoader,
    private readonly ttlMs = 60_000,
    private readonly negativeTtlMs = 5_000,
    private readonly maxEntries = 100_000,
    private readonly checkWaitMs = KEY_CHECK_WAIT_MS,
    private readonly issued?: IssuedKeyFilter,
  ) {}

  /** A key was just issued (here or elsewhere): it exists from now on. */
  noteIssued(hash: string): void {
    this.issued?.add(hash);
    this.unknown.delete(hash);
  }

  /**
   * The tenant key behind a raw bearer token, as of `now` (epoch ms).
   * @throws ApiError `invalid_api_key` (missing, unknown, revoked, expired, tenant deleted),
   *   `tenant_suspended`, or `service_unavailable` with Retry-After when a key never seen
   *   cannot be checked because Postgres is away.
   */
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
    // Checked on the cached entry itself, so a replaced secret stops at the end of its
    // grace period on every instance without any event at that moment.
    if (key.secretEndsAt != null && key.secretEndsAt <= now) {
      throw new ApiError(
        "invalid_api_key",
        "The API key provided was replaced by a newer secret and its grace period has ended.",
      );
    }
    return key;
  }

  private async lookup(hash: string, now: number): Promise<TenantKey | null> {
    const entry = this.entries.get(hash);
    if (entry && now - entry.loadedAt < this.ttlMs) return entry.value;
    if (!entry) {
      const missedAt = this.unknown.get(hash);
      if (missedAt !== undefined && now - missedAt < this.negativeTtlMs) return null;
      if (this.issued && (await this.issued.verdict(hash, now)) === "never_issued") return null;
    }
    const check = this.check(hash, now);
    if (entry) {
      // Postgres known to be away: no wait at all. Otherwise wait out what is left of the
      // check's budget; a check still running then goes on behind the stale answer.
      if (this.storeDown) return entry.value;
      const answer = await settledWithin(check.done, check.startedAt + this.checkWaitMs - now);
      return answer ? answer.value : entry.value;
    }
    try {
      return await check.done;
    } catch {
      // A key never seen fails closed.
      throw new ApiError(
        "service_unavailable",
        "API keys cannot be checked right now (the database is unavailable). Retry shortly.",
        {
          headers: { "retry-after": String(DATABASE_RETRY_AFTER_SECONDS) },
        },
      );
    }
  }

  /** The key's check in flight, or a new one: loads it once and caches the answer. */
  private check(hash: string, now: number): Check {
    const running = this.inflight.get(hash);
    if (running) return running;
    const generation = this.generation;
    const done = this.load(hash)
      .then(
        (value) => {
          this.storeDown = false;
          // Evicted meanwhile (a revoke raced this load): the answer may predate it.
          if (generation === this.generation) {
            if (value) {
              this.entries.set(hash, { value, loadedAt: now });
            } else {
              // Only unknown keys make room for unknown keys.
              if (this.unknown.size >= this.maxEntries) this.unknown.clear();
              this.unknown.set(hash, now);
              this.entries.delete(hash);
            }
          }
          return value;
        },
        (err: unknown) => {
          this.storeDown = true;
          throw err;
        },
      )
      .finally(() => {
        if (this.inflight.get(hash) === check) this.inflight.delete(hash);
      });
    // A check nobody waits for any more (its request was served stale) must not surface
    // as an unhandled rejection; requests still waiting see the failure themselves.
    done.catch(() => {});
    const check: Check = { done, startedAt: now };
    this.inflight.set(hash, check);
    return check;
  }

  /**
   * Marks every entry due for reload (e.g. after missed notifications) while keeping it
   * as the stale answer should Postgres be away.
   */
  expireAll(): void {
    this.forgetChecks();
    for (const entry of this.entries.values()) entry.loadedAt = -Infinity;
    this.unknown.clear();
  }

  /** Forgets one key (revoked elsewhere): its next request waits for a fresh load. */
  evictKey(hash: string): void {
    this.forgetChecks();
    this.entries.delete(hash);
  }

  /**
   * One secret of a key stops at `endsAt` (epoch ms): a rotation replaced it (the end of
   * its grace) or ended it at once. The cached entry keeps serving until then and
   * refuses from then on by itself; the issued-key filter drops the hash at the same
   * moment. An end is only ever brought forward.
   */
  endSecret(hash: string, endsAt: number): void {
    this.issued?.end(hash, endsAt);
    // A load already running may have read the row before the rotation: not cached.
    this.forgetChecks();
    const entry = this.entries.get(hash);
    if (!entry) return;
    const known = entry.value.secretEndsAt;
    entry.value = {
      ...entry.value,
      secretEndsAt: known == null ? endsAt : Math.min(known, endsAt),
    };
  }

  /**
   * Forgets every secret of one key (its allowed models, expiry or name changed): each
   * is loaded afresh on its next request.
   */
  evictKeyId(keyId: string): void {
    this.forgetChecks();
    for (const [hash, entry] of this.entries)
      if (entry.value.keyId === keyId) this.entries.delete(hash);
  }

  /** Forgets every key of a tenant (suspended, deleted, limits changed). */
  evictTenant(tenantId: string): void {
    this.forgetChecks();
    for (const [hash, entry] of this.entries)
      if (entry.value.tenantId === tenantId) this.entries.delete(hash);
  }

  clear(): void {
    this.forgetChecks();
    this.entries.clear();
    this.unknown.clear();
  }

  /**
   * After an eviction, loads already running may have read the row before the change:
   * their answers are not cached, and later requests start fresh loads instead of
   * joining them.
   */
  private forgetChecks(): void {
    this.generation++;
    this.inflight.clear();
  }
}

/**
 * `promise`'s value if it resolves within `ms` milliseconds, else undefined (also when
 * it rejects, or `ms` <= 0). The promise itself goes on either way.
 */
async function settledWithin<T>(
  promise: Promise<T>,
  ms: number,
): Promise<{ value: T } | undefined> {
  if (ms <= 0) return undefined;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([
      promise.then(
        (value) => ({ value }),
        () => undefined,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
