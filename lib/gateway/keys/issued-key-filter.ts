/** Where the filter learns which keys exist; the runtime wires Postgres and the cluster events in. */
export interface IssuedKeySource {
  /** Every key hash ever issued (SHA-256 hex), revoked ones included. */
  loadAll(): Promise<string[]>;
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
 * event connection (notifications sent while it was down are lost), a key issued on
 * this instance is added before the admin API answers, and one issued elsewhere
 * arrives as a `key_issued` event. A miss waits for `caughtUp` before it is believed,
 * so a key issued on another instance a moment ago is never refused because its event
 * was still on the way. Until the first load succeeds (Postgres away at start), or
 * while the event connection is down, the filter is `unsure` and callers fall back to
 * the lookup.
 */
export class IssuedKeyFilter {
  private hashes: Set<string> | undefined;
  /** Added while a load was running: the loaded snapshot may predate them. */
  private addedDuringLoad: string[] | undefined;
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

  /** A key was issued (here, or announced by another instance). */
  add(hash: string): void {
    this.hashes?.add(hash);
    this.addedDuringLoad?.push(hash);
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
    this.addedDuringLoad = [];
    try {
      const loaded = new Set(await this.source.loadAll());
      for (const hash of this.addedDuringLoad) loaded.add(hash);
      this.hashes = loaded;
    } finally {
      this.addedDuringLoad = undefined;
    }
  }

  /**
   * Whether `hash` (SHA-256 hex) belongs to an issued key. A hit answers at once; a miss
   * first waits for the events in flight (`caughtUp`), then answers from the set.
   * Never throws: anything that keeps the filter from vouching gives `unsure`.
   */
  async verdict(hash: string): Promise<IssuedVerdict> {
    if (!this.hashes) return "unsure";
    if (this.hashes.has(hash)) return "issued";
    try {
      await this.source.caughtUp();
    } catch {
      return "unsure";
    }
    if (!this.hashes) return "unsure";
    return this.hashes.has(hash) ? "issued" : "never_issued";
  }
}
