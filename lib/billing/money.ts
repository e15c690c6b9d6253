/**
 * Money for people and reports. Amounts are integers: pico-dollars per request (exact),
 * micro-dollars in reports; rounding to cents happens once, on the invoice.
 */
export const PICOS_PER_MICRO = 1_000_000n;

/** Pico-dollars to micro-dollars for reports, half away from zero. */
export function picosToMicros(picos: bigint): bigint {
  const p = BigInt(PICOS_PER_MICRO);
  return picos >= 0n ? (picos + p / 2n) / p : -((-picos + p / 2n) / p);
}

export function formatMicros(micros: bigint | number): string {
  const m = BigInt(micros);
  const sign = m < 0n ? "-" : "";
  const abs = m < 0n ? -m : m;
  const dollars = abs / 1_000_000n;
  const frac = (abs % 1_000_000n).toString().padStart(6, "0");
  return `${sign}$${dollars.toString()}.${frac}`;
}
