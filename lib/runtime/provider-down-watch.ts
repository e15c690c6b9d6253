import type { ErrorClass } from "@/lib/gateway/errors/error-class";
import {
  providerDownReason,
  type ProviderDownReason,
  type StoredBreakerState,
} from "@/lib/data/providers/provider-down";

/** A provider that went down or came back, by the shared rule in `provider-down.ts`. */
export interface ProviderDownChange {
  providerId: string;
  /** null: serving again. */
  reason: ProviderDownReason | null;
  /**
   * Nothing to page about: the provider is down only because every key is rate limited
   * (rate limits recover alone and page only when they persist, on the key's own
   * breaker), or it is back from such an episode, which was never told.
   */
  quiet: boolean;
  /** Credentials that cannot serve now, by label; the rest serve. */
  notServing: string[];
  /** Credentials configured for the provider. */
  credentials: number;
  /** Earliest retry time of an open breaker of the provider (epoch ms), if any. */
  nextProbeAt: number | null;
}

export interface BreakerView {
  state: StoredBreakerState;
  retryAt: number | null;
  /** The class that opened it; null when closed. */
  errorClass?: ErrorClass | null;
}

/**
 * Remembers which providers this instance last saw down, and whether that was told, so
 * that a provider going down, and coming back, is told once each rather than at every
 * transition of its keys.
 */
export class ProviderDownWatch {
  /** Providers down now: true when the episode was told (not rate limits alone). */
  private readonly down = new Map<string, boolean>();

  /**
   * @param breaker the state of a scope key (`provider:<id>`, `credential:<id>`) in memory
   * @param credentials the provider's configured credentials, id and label
   * @returns the change, or null when there is nothing new: still up, still down, or
   *   still down with the episode already told
   */
  check(
    providerId: string,
    credentials: readonly { id: string; label: string }[],
    breaker: (scopeKey: string) => BreakerView,
  ): ProviderDownChange | null {
    const own = breaker(`provider:${providerId}`);
    const keys = credentials.map((c) => ({ c, b: breaker(`credential:${c.id}`) }));
    const reason = providerDownReason({
      providerState: own.state,
      credentialStates: keys.map((k) => k.b.state),
    });
    const wasDown = this.down.has(providerId);
    const told = this.down.get(providerId) === true;
    let quiet: boolean;
    if (reason === null) {
      if (!wasDown) return null;
      // A key (or the provider) half-open is a probe in flight, not a recovery: the
      // provider is back when that probe closes it, and that close is what is told.
      if ([own, ...keys.map((k) => k.b)].some((b) => b.state === "half_open")) return null;
      this.down.delete(providerId);
      quiet = !told;
    } else {
      const rateLimitedOnly =
        reason === "no_credential_serving" &&
        keys.every((k) => k.b.state === "open" && k.b.errorClass === "rate_limit");
      // Still down and already told, or still rate limited only: nothing new.
      if (told || (wasDown && rateLimitedOnly)) return null;
      this.down.set(providerId, !rateLimitedOnly);
      quiet = rateLimitedOnly;
    }
    const retries = [own, ...keys.map((k) => k.b)]
      .filter((b) => b.state === "open" && b.retryAt !== null)
      .map((b) => b.retryAt!);
    return {
      providerId,
      reason,
      quiet,
      notServing: keys
        .filter((k) => k.b.state !== "closed" && k.b.state !== "half_open")
        .map((k) => k.c.label),
      credentials: credentials.length,
      nextProbeAt: retries.length ? Math.min(...retries) : null,
    };
  }
}
