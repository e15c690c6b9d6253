import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/errors";
import { assertStorableJson, assertStorableParams, unstorableReason } from "./storable-input";

describe("storable input", () => {
  it("accepts ordinary text, emoji included", () => {
    expect(unstorableReason("Acme 😀 東京")).toBeNull();
    expect(() => assertStorableJson({ name: "Acme", tags: ["a", { b: "c" }] })).not.toThrow();
  });

  it.each([
    ["NUL", "a\u0000b", /NUL/],
    ["lone high surrogate", "a\ud800", /surrogate/],
    ["lone low surrogate", "\udc00a", /surrogate/],
    ["too long", "x".repeat(100_001), /longer/],
  ])("refuses %s with a 400 naming the field", (_label, text, reason) => {
    const err = (() => {
      try {
        assertStorableJson({ tenant: { name: text } });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, param: "tenant.name" });
    expect((err as Error).message).toMatch(reason);
  });

  it("refuses deep nesting and bad field names", () => {
    let deep: unknown = "x";
    for (let i = 0; i < 40; i++) deep = [deep];
    expect(() => assertStorableJson(deep)).toThrow(/nested deeper/);
    expect(() => assertStorableJson({ "a\u0000": 1 })).toThrow(ApiError);
  });

  it("checks path ids and query values", () => {
    expect(() => assertStorableParams({ id: "ckabc123" })).not.toThrow();
    expect(() => assertStorableParams({ id: "a\u0000" })).toThrow(/'id'/);
    expect(() => assertStorableParams({ id: "x".repeat(201) })).toThrow(/longer/);
  });
});
