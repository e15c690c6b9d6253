import { describe, expect, it } from "vitest";
import { describeIssue } from "@/lib/http/describe-issue";
import { KeyCreateSchema } from "./key-schemas";

describe("issuing a key: its expiry", () => {
  it("refuses an expiry already in the past, naming the field", () => {
    const result = KeyCreateSchema.safeParse({ expiresAt: "2020-01-01T00:00:00Z" });
    expect(result.success).toBe(false);
    expect(describeIssue(result.error!.issues[0]!, KeyCreateSchema)).toEqual({
      param: "expiresAt",
      message:
        "Invalid value for 'expiresAt': the expiry is already in the past; give a future date-time",
    });
  });

  it("admits a future expiry and none at all", () => {
    const later = new Date(Date.now() + 3_600_000).toISOString();
    expect(KeyCreateSchema.parse({ expiresAt: later }).expiresAt).toBe(later);
    expect(KeyCreateSchema.parse({ expiresAt: null }).expiresAt).toBeNull();
    expect(KeyCreateSchema.parse({}).expiresAt).toBeUndefined();
  });
});
