import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonNestingDepth } from "./json-nesting-depth";

const bytes = (s: string) => new TextEncoder().encode(s);

/** Reference depth from the parsed value (fine for the small values fast-check makes). */
function parsedDepth(v: unknown): number {
  if (Array.isArray(v)) return 1 + Math.max(0, ...v.map(parsedDepth));
  if (v !== null && typeof v === "object")
    return 1 + Math.max(0, ...Object.values(v).map(parsedDepth));
  return 0;
}

describe("jsonNestingDepth", () => {
  it("counts objects and arrays, not brackets inside strings or escaped quotes", () => {
    expect(jsonNestingDepth(bytes("1"))).toBe(0);
    expect(jsonNestingDepth(bytes("{}"))).toBe(1);
    expect(jsonNestingDepth(bytes('{"a":[{"b":[]}]}'))).toBe(4);
    expect(jsonNestingDepth(bytes('{"a":"[[[{{{\\"[[["}'))).toBe(1);
  });

  it("stops early once past the bound", () => {
    expect(jsonNestingDepth(bytes("[".repeat(50_000)), 64)).toBe(65);
  });

  it("agrees with the parsed value's depth for any JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 12 }), (v) => {
        expect(jsonNestingDepth(bytes(JSON.stringify(v)))).toBe(parsedDepth(v));
      }),
    );
  });
});
