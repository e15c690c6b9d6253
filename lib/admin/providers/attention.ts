/** What needs a person, counted from the providers list: the breakers strip and the overview banner. */
export interface Attention {
  providersDown: number;
  credentialsQuarantined: number;
  /** Credentials open, forced open included (not quarantined). */
  credentialsOpen: number;
  /** "2 providers down, 1 key quarantined, 3 keys open", or null when nothing needs a person. */
  words: string | null;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Counts providers down (the one definition, see `lib/data/providers/provider-down.ts`)
 * and credentials not serving, and says it in one line. Pure.
 */
export function attentionOf(
  providers: readonly { down: boolean; credentials: readonly { state: string }[] }[],
): Attention {
  const providersDown = providers.filter((p) => p.down).length;
  const states = providers.flatMap((p) => p.credentials.map((c) => c.state));
  const credentialsQuarantined = states.filter((s) => s === "quarantined").length;
  const credentialsOpen = states.filter((s) => s === "open").length;
  const parts = [
    providersDown > 0 ? plural(providersDown, "provider down", "providers down") : null,
    credentialsQuarantined > 0
      ? plural(credentialsQuarantined, "key quarantined", "keys quarantined")
      : null,
    credentialsOpen > 0 ? plural(credentialsOpen, "key open", "keys open") : null,
  ].filter((p) => p !== null);
  return {
    providersDown,
    credentialsQuarantined,
    credentialsOpen,
    words: parts.length > 0 ? parts.join(", ") : null,
  };
}
