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

  it("keeps zod's message where it already says what is wanted", () => {
    expect(first({ name: "a", limit: "0" })).toEqual({
      param: "limit",
      message: "Invalid value for 'limit': Too small: expected number to be >=1",
    });
  });
});
