import { z } from "zod";
import { describe, expect, it } from "vitest";
import { describeIssue } from "./describe-issue";

const Schema = z.strictObject({
  name: z.string(),
  from: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).optional(),
  nested: z.strictObject({ a: z.string() }).optional(),
});

const first = (value: unknown) => describeIssue(Schema.safeParse(value).error!.issues[0]!, Schema);

describe("describeIssue", () => {
  it("names an unknown field as the param and lists the known ones", () => {
    expect(first({ name: "a", plan: "Pro" })).toEqual({
      param: "plan",
      message: "Unknown field 'plan'. Known fields: name, from, limit, nested.",
    });
    expect(first({ name: "a", nested: { a: "x", b: 1 } })).toEqual({
      param: "nested.b",
      message: "Unknown field 'nested.b'.",
    });
  });

  it("says what to send instead of which type zod saw", () => {
    expect(first({})).toEqual({ param: "name", message: "Invalid value for 'name': is required" });
    expect(first({ name: "a", limit: "abc" })).toEqual({
      param: "limit",
      message: "Invalid value for 'limit': expected a number",
    });
    expect(first({ name: "a", from: "yesterday" }).message).toMatch(
      /ISO 8601 date-time with a time zone/,
    );
  });

  it("words zod's bounds, whole numbers and choices as what to send", () => {
    expect(first({ name: "a", limit: "0" })).toEqual({
      param: "limit",
      message: "Invalid value for 'limit': must be at least 1",
    });
    expect(first({ name: "a", limit: "1.5" }).message).toBe(
      "Invalid value for 'limit': expected a whole number",
    );
    const Bounds = z.object({
      n: z.number().lt(2).optional(),
      s: z.string().min(1).max(3).optional(),
      xs: z.array(z.string()).max(1).optional(),
      mode: z.enum(["fast", "cheap"]).optional(),
      flag: z.boolean().optional(),
      named: z.string().max(2, "is too long for a name").optional(),
    });
    const say = (value: unknown) =>
      describeIssue(Bounds.safeParse(value).error!.issues[0]!).message;
    expect(say({ n: 2 })).toBe("Invalid value for 'n': must be less than 2");
    expect(say({ s: "" })).toBe("Invalid value for 's': must have at least 1 character");
    expect(say({ s: "abcd" })).toBe("Invalid value for 's': must have at most 3 characters");
    expect(say({ xs: ["a", "b"] })).toBe("Invalid value for 'xs': must have at most 1 item");
    expect(say({ mode: "slow" })).toBe(`Invalid value for 'mode': expected one of "fast", "cheap"`);
    expect(say({ flag: "yes" })).toBe("Invalid value for 'flag': expected true or false");
    expect(say({ named: "abc" })).toBe("Invalid value for 'named': is too long for a name");
  });

  it("words exact lengths, dates, bigints, maps and literals a person can read", () => {
    const Odd = z.object({
      code: z.string().length(4).optional(),
      day: z.date().min(new Date("2026-01-01T00:00:00Z")).optional(),
      big: z
        .bigint()
        .max(10n ** 20n)
        .optional(),
      tags: z.map(z.string(), z.string()).max(1).optional(),
      one: z.literal(1n).optional(),
      none: z.null().optional(),
      at: z.iso.datetime({ message: "give the start as a date-time" }).optional(),
    });
    const say = (value: unknown) => describeIssue(Odd.safeParse(value).error!.issues[0]!).message;
    expect(say({ code: "abcde" })).toBe("Invalid value for 'code': must have exactly 4 characters");
    expect(say({ day: new Date("2025-12-31T00:00:00Z") })).toBe(
      "Invalid value for 'day': must be on or after 2026-01-01T00:00:00.000Z",
    );
    expect(say({ big: 10n ** 21n })).toBe(
      "Invalid value for 'big': must be at most 100000000000000000000",
    );
    expect(
      say({
        tags: new Map([
          ["a", "1"],
          ["b", "2"],
        ]),
      }),
    ).toBe("Invalid value for 'tags': must have at most 1 entry");
    expect(say({ one: 2n })).toBe("Invalid value for 'one': expected 1");
    expect(say({ none: 0 })).toBe("Invalid value for 'none': expected null");
    expect(say({ at: "soon" })).toBe("Invalid value for 'at': give the start as a date-time");
  });
});
