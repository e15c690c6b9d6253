/** A breaker state as stored (`BreakerStateName`); a missing row reads as `closed`. */
export type StoredBreakerState = "closed" | "open" | "half_open" | "quarantined";

export type ProviderDownReason =
  /** The provider's own breaker is open, half-open (probing) or forced open. */
  | "provider_breaker"
  /** Every credential's breaker is open, forced open or quarantined. */
  | "no_credential_serving";

/**
 * The one definition of "down", shared by `/providers`, the overview banner, the
 * breakers page's strip and list, and alerts: a configured provider is down when its own
 * breaker is not closed, or when none of its credentials can serve (a credential serves
 * when its breaker is closed or half-open, i.e. traffic or its probe may reach it).
 * A provider with no credentials is not configured rather than down, so it is not
 * reported here (null).
 * @returns the reason it is down, or null when it is up or has no credentials
 */
export function providerDownReason({
  providerState,
  credentialStates,
}: {
  providerState: StoredBreakerState;
  credentialStates: readonly StoredBreakerState[];
}): ProviderDownReason | null {
  if (credentialStates.length === 0) return null;
  if (providerState !== "closed") return "provider_breaker";
  return credentialStates.some((s) => s === "closed" || s === "half_open")
    ? null
    : "no_credential_serving";
}

/** Whether a stored breaker is forced open by a person: `open` with no retry time (no probes). */
export function isForcedOpen(b: { state: string; retryAt: Date | number | null }): boolean {
  return b.state === "open" && b.retryAt === null;
}
