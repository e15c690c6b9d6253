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
});
