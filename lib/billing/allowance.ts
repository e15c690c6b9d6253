/**
 * A plan's included tokens, consumed in request order through the month. The request
 * that crosses the allowance is split by tokens: the part inside is free, the part
 * past it is charged at that request's own billed price (stored on its usage row).
 * Everything here is exact: tokens x micro-dollars per 1M tokens = pico-dollars.
 */
export interface ChargedRequest {
  /** Chargeable tokens (see chargeableTokens). */
  tokens: number;
  /** The request's billed price, micro-dollars per 1M tokens. */
  billedPricePer1MMicros: number;
  /** The model it is reported under on the invoice's breakdown. */
  model: string;
}

export interface OverageByModel {
  model: string;
  tokens: bigint;
  picos: bigint;
}

export class AllowanceMeter {
  private used = 0n;
  private readonly byModel = new Map<string, OverageByModel>();

  constructor(private readonly includedTokens: bigint) {}

  /** Adds the next request in order; returns its tokens charged as overage. */
  add(request: ChargedRequest): bigint {
    const tokens = BigInt(request.tokens);
    const before = this.used;
    this.used += tokens;
    const freeLeft = this.includedTokens > before ? this.includedTokens - before : 0n;
    const excess = tokens > freeLeft ? tokens - freeLeft : 0n;
    if (excess > 0n) {
      const entry = this.byModel.get(request.model) ?? {
        model: request.model,
        tokens: 0n,
        picos: 0n,
      };
      entry.tokens += excess;
      entry.picos += excess * BigInt(request.billedPricePer1MMicros);
      this.byModel.set(request.model, entry);
    }
    return excess;
  }

  /** Tokens counted so far, inside and past the allowance. */
  get totalTokens(): bigint {
    return this.used;
  }

  get overageTokens(): bigint {
    let sum = 0n;
    for (const e of this.byModel.values()) sum += e.tokens;
    return sum;
  }

  /** Overage in pico-dollars, exact. */
  get overagePicos(): bigint {
    let sum = 0n;
    for (const e of this.byModel.values()) sum += e.picos;
    return sum;
  }

  /** Overage per model, largest amount first. */
  breakdown(): OverageByModel[] {
    return [...this.byModel.values()].sort((a, b) =>
      b.picos > a.picos ? 1 : b.picos < a.picos ? -1 : a.model.localeCompare(b.model),
    );
  }
}
