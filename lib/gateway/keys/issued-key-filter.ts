/**
 * One issued secret: its SHA-256 hex and, for a secret a rotation replaced, the end of
 * its grace period (epoch ms); null for a key's newest secret.
 */
export interface IssuedHash {
  hash: string;
  endsAt: number | null;
}

/** Where the filter learns which keys exist; the runtime wires Postgres and the cluster events in. */
export interface IssuedKeySource {
  /**
   * Every secret that may still authenticate: each key's newest (revoked keys included)
   * and each replaced secret whose grace has not ended.
   */
  loadAll(): Promise<IssuedHash[]>;
  /**
   * Resolves once every `key_issued` event committed before the call has been applied
   * (a round trip on the event connection, shared by all callers meanwhile); rejects
   * when the event connection is down, so the filter cannot vouch for itself.
   */
  caughtUp(): Promise<void>;
}

/** What the filter can say about a key hash. */
export type IssuedVerdict = "issued" | "never_issued" | "unsure";

/**
 * The hashes of every tenant key issued, in memory, so a made-up key is refused without
 * a Postgres lookup however many distinct ones arrive. Exact (a Set of 64-character
 * hex strings, about 150 bytes a key): a self-hosted gateway holds thousands of keys,
 * not billions, and an exact set never refuses a real key.
 *
 * Kept current three ways: loaded whole at start and after every reconnect of the
 * event connection (notifications sent while it was down are lost), a key issued (or a
 * secret rotated in) on this instance is added before the admin API answers, and one
 * issued elsewhere arrives as a `key_issued` or `key_rotated` event. A secret a rotation
 * replaced carries the end of its grace period: from then on it counts as never issued,
 * checked on the entry itself, so no event is needed when a grace ends. A miss waits for
 * `caughtUp` before it is believed, so a key issued on another instance a moment ago is
 * never refused because its event was still on the way. Until the first load succeeds
 * (Postgres away at start), or while the event connection is down, the filter is
 * `unsure` and callers fall back to the lookup.
 */
export class IssuedKeyFilter {
  /** Hash -> when that secret ends (epoch ms), or null while it has no end. */
  private hashes: Map<string, number | null> | undefined;
  /** Added or ended while a load was running: the loaded snapshot may predate them. */
  private changedDuringLoad: IssuedHash[] | undefined;
  private loading: Promise<void> | undefined;

  constructor(private readonly source: IssuedKeySource) {}

  /** Whether the filter has a complete set to answer from. */
  get ready(): boolean {
    return this.hashes !== undefined;
  }

  /** How many hashes it holds (0 until loaded). */
  get size(): number {
    return this.hashes?.size ?? 0;
  }

  /** A key was issued or a secret rotated in (here, or announced by another instance). */
  add(hash: string): void {
    this.apply({ hash, endsAt: null });
  }

  /**
   * A secret stops at `endsAt` (epoch ms): its grace period after a rotation, or at once
   * (a rotation during a grace ends the older secret). An end is only ever brought
   * forward, never pushed back or removed.
   */
  end(hash: string, endsAt: number): void {
    this.apply({ hash, endsAt });
  }

  private apply(change: IssuedHash): void {
    this.changedDuringLoad?.push(change);
    if (!this.hashes) return;
    const known = this.hashes.get(change.hash);
    this.hashes.set(change.hash, earlierEnd(known, change.endsAt));
  }

  /**
   * Forgets the set and loads it again from the source; `unsure` meanwhile. Concurrent
   * calls share one load.
   * @throws whatever the source throws (the filter then stays `unsure`).
   */
  reload(): Promise<void> {
    this.hashes = undefined;
    this.loading ??= this.loadOnce().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async loadOnce(): Promise<void> {
    this.changedDuringLoad = [];
    try {
      const loaded = new Map<string, number | null>();
      for (const { hash, endsAt } of await this.source.loadAll()) loaded.set(hash, endsAt);
      for (const { hash, endsAt } of this.changedDuringLoad)
        loaded.set(hash, earlierEnd(loaded.get(hash), endsAt));
      this.hashes = loaded;
    } finally {
      this.changedDuringLoad = undefined;
    }
  }

  /**
   * Whether `hash` (SHA-256 hex) belongs to a secret that may authenticate as of `now`
   * (epoch ms). A live hit answers at once; a secret whose grace has ended is dropped
   * and answers `never_issued` at once (an end is final); a miss first waits for the
   * events in flight (`caughtUp`), then answers from the set. Never throws: anything
   * that keeps the filter from vouching gives `unsure`.
   */
  async verdict(hash: string, now = Date.now()): Promise<IssuedVerdict> {
    if (!this.hashes) return "unsure";
    const known = this.liveness(hash, now);
    if (known !== "missing") return known;
    try {
      await this.source.caughtUp();
    } catch {
      return "unsure";
    }
    if (!this.hashes) return "unsure";
    const after = this.liveness(hash, now);
    return after === "missing" ? "never_issued" : after;
  }

  private liveness(hash: string, now: number): "issued" | "never_issued" | "missing" {
    const hashes = this.hashes!;
    if (!hashes.has(hash)) return "missing";
    const endsAt = hashes.get(hash);
    if (endsAt === null || endsAt === undefined || endsAt > now) return "issued";
    hashes.delete(hash);
    return "never_issued";
  }
}

/** The earlier of two ends, where null (or unknown) means no end yet. */
function earlierEnd(a: number | null | undefined, b: number | null): number | null {
  if (a === null || a === undefined) return b;
  if (b === null) return a;
  return Math.min(a, b);
}
