import { describe, expect, it } from "vitest";
import { allocateMicros } from "./allocate-micros";

const M = 1_000_000n; // pico-dollars per micro-dollar

describe("allocateMicros: rows add up to the total rounded once", () => {
  it("three rows of 0.4 micro-dollars: total 1, given to the first row", () => {
    expect(allocateMicros([400_000n, 400_000n, 400_000n])).toEqual({
      rows: [1n, 0n, 0n],
      total: 1n,
    });
  });

  it("gives the leftover units to the largest remainders, not to the largest rows", () => {
    // 10.3 + 2.6 + 1.6 = 14.5 -> 15 (half away from zero): 10, 3, 2
    expect(allocateMicros([10n * M + 300_000n, 2n * M + 600_000n, M + 600_000n])).toEqual({
      rows: [10n, 3n, 2n],
      total: 15n,
    });
  });

  it("leaves exact rows alone and handles no rows", () => {
    expect(allocateMicros([5n * M, 7n * M])).toEqual({ rows: [5n, 7n], total: 12n });
    expect(allocateMicros([])).toEqual({ rows: [], total: 0n });
  });

  it("sums to the total for many random rows", () => {
    let seed = 7;
    const rand = () => (seed = (seed * 48271) % 2147483647);
    for (let n = 1; n < 50; n++) {
      const picos = Array.from({ length: n }, () => BigInt(rand()) * 1000n + BigInt(rand() % 1000));
      const { rows, total } = allocateMicros(picos);
      expect(rows.reduce((s, r) => s + r, 0n)).toBe(total);
      const exact = picos.reduce((s, p) => s + p, 0n);
      for (let i = 0; i < n; i++) {
        const diff = rows[i]! * M - picos[i]!;
        expect(diff > -M && diff < M).toBe(true);
      }
      expect(total).toBe((exact + M / 2n) / M);
    }
  });
});
