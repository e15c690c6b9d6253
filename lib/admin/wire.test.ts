import { describe, expect, expectTypeOf, it } from "vitest";
import { jsonResponse } from "@/lib/auth/admin-route";
import type { Wire } from "./wire";

describe("Wire<T>", () => {
  it("matches what the admin route writes for bigint, Date and nested values", async () => {
    const server = {
      id: "t1",
      micros: 12n,
      huge: 2n ** 60n,
      at: new Date("2026-01-02T03:04:05.000Z"),
      rows: [{ picos: 5n, when: new Date(0) }],
      gone: undefined as string | undefined,
    };
    const wire = (await jsonResponse(server).json()) as Wire<typeof server>;
    expect(wire).toEqual({
      id: "t1",
      micros: 12,
      huge: "1152921504606846976",
      at: "2026-01-02T03:04:05.000Z",
      rows: [{ picos: 5, when: "1970-01-01T00:00:00.000Z" }],
    });
    expectTypeOf(wire.at).toEqualTypeOf<string>();
    expectTypeOf(wire.micros).toEqualTypeOf<number | string>();
    expectTypeOf(wire.rows[0]!.when).toEqualTypeOf<string>();
  });
});
