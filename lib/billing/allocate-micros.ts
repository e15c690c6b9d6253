import { PICOS_PER_MICRO, picosToMicros } from "./money";

/**
 * The reports' one rounding rule for rows under a total: the total is the exact sum of
 * the rows' pico-dollars rounded once (`picosToMicros`), and each row gets its
 * micro-dollars floored, the units left over going one each to the rows with the
 * largest remainders (ties: the earlier row), so the rows shown add up to the total
 * shown, to the micro-dollar. Pure; order preserved.
 * @param picos each row's exact amount, pico-dollars
 * @returns `{rows, total}` in micro-dollars, `rows` summing to `total`
 */
export function allocateMicros(picos: readonly bigint[]): { rows: bigint[]; total: bigint } {
  const total = picosToMicros(picos.reduce((s, p) => s + p, 0n));
  const floors = picos.map((p) => floorDiv(p, PICOS_PER_MICRO));
  let left = total - floors.reduce((s, f) => s + f, 0n);
  const byRemainder = picos
    .map((p, i) => ({ i, rem: p - floors[i]! * PICOS_PER_MICRO }))
    .sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
  const rows = [...floors];
  // 0 <= left < rows: the floors lose less than one micro-dollar a row.
  for (const { i } of byRemainder) {
    if (left <= 0n) break;
    rows[i]! += 1n;
    left -= 1n;
  }
  return { rows, total };
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}
