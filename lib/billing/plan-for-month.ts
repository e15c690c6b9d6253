/**
 * Which plan bills a month. A tenant holds one plan at a time; every change is
 * recorded with its effective time. The month is billed, in full, on the plan with the
 * highest monthly fee held at any moment of it, with that plan's included tokens, so a
 * downgrade on the 30th does not skip the month's fee. Ties go to the plan held later.
 */
export interface PlanTerms {
  id: string;
  name: string;
  monthlyFeeMicros: bigint;
  includedTokens: bigint;
  overagePricePer1MMicros: bigint;
}

export interface PlanChange {
  plan: PlanTerms;
  /** Epoch ms from which the plan applies. */
  effectiveAt: number;
}

/**
 * @param changes every recorded change of one tenant, any order
 * @param start first instant of the month (epoch ms, inclusive)
 * @param end first instant of the next month (exclusive)
 * @returns the billing plan, or null when the tenant held no plan in the month
 */
export function planForMonth(
  changes: readonly PlanChange[],
  start: number,
  end: number,
): PlanTerms | null {
  const ordered = [...changes].sort((a, b) => a.effectiveAt - b.effectiveAt);
  const held: PlanTerms[] = [];
  let current: PlanTerms | null = null;
  for (const change of ordered) {
    if (change.effectiveAt <= start) current = change.plan;
    else if (change.effectiveAt < end) held.push(change.plan);
  }
  if (current) held.unshift(current);
  let best: PlanTerms | null = null;
  for (const plan of held) if (!best || plan.monthlyFeeMicros >= best.monthlyFeeMicros) best = plan;
  return best;
}
