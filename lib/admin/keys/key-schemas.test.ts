import { describe, expect, it } from "vitest";
import { describeIssue } from "@/lib/http/describe-issue";
import {
  KeyCreateSchema,
  KeyRotateSchema,
  KeyUpdateSchema,
  MAX_GRACE_SECONDS,
} from "./key-schemas";

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

describe("editing a key", () => {
  it("takes allowed models, an expiry or a name, and leaves out what is omitted", () => {
    const later = new Date(Date.now() + 3_600_000).toISOString();
    expect(KeyUpdateSchema.parse({ allowedModels: ["deepseek/deepseek-chat"] })).toEqual({
      allowedModels: ["deepseek/deepseek-chat"],
    });
    expect(KeyUpdateSchema.parse({ allowedModels: [] })).toEqual({ allowedModels: [] });
    expect(KeyUpdateSchema.parse({ expiresAt: later })).toEqual({ expiresAt: later });
    expect(KeyUpdateSchema.parse({ expiresAt: null })).toEqual({ expiresAt: null });
    expect(KeyUpdateSchema.parse({ name: "  ci  " })).toEqual({ name: "ci" });
  });

  it("refuses an empty change, a past expiry, an empty model name and unknown fields", () => {
    const cases: [unknown, string | null, RegExp][] = [
      [{}, null, /at least one of name, allowedModels or expiresAt/],
      [{ expiresAt: "2020-01-01T00:00:00Z" }, "expiresAt", /already in the past/],
      [{ expiresAt: "tomorrow" }, "expiresAt", /ISO 8601 date-time/],
      [{ allowedModels: [" "] }, "allowedModels.0", /Invalid value/],
      [{ allowedModels: "deepseek/deepseek-chat" }, "allowedModels", /Invalid value/],
      [{ requestsPerMinute: 5 }, "requestsPerMinute", /Unknown field/],
    ];
    for (const [input, param, message] of cases) {
      const result = KeyUpdateSchema.safeParse(input);
      expect(result.success, JSON.stringify(input)).toBe(false);
      const issue = describeIssue(result.error!.issues[0]!, KeyUpdateSchema);
      expect(issue.param, JSON.stringify(input)).toBe(param);
      expect(issue.message, JSON.stringify(input)).toMatch(message);
    }
  });
});

describe("rotating a key: the grace period", () => {
  it("defaults to an hour and admits 0 (stop at once) up to 7 days", () => {
    expect(KeyRotateSchema.parse({})).toEqual({ graceSeconds: 3600 });
    expect(KeyRotateSchema.parse({ graceSeconds: 0 })).toEqual({ graceSeconds: 0 });
    expect(KeyRotateSchema.parse({ graceSeconds: 604_800 })).toEqual({ graceSeconds: 604_800 });
    expect(MAX_GRACE_SECONDS).toBe(604_800);
  });

  it("refuses a grace below 0, beyond 7 days, fractional or not a number, naming the field", () => {
    for (const graceSeconds of [-1, 604_801, 1.5, "60", null]) {
      const result = KeyRotateSchema.safeParse({ graceSeconds });
      expect(result.success, String(graceSeconds)).toBe(false);
      expect(describeIssue(result.error!.issues[0]!, KeyRotateSchema).param).toBe("graceSeconds");
    }
    const unknown = KeyRotateSchema.safeParse({ grace: 10 });
    expect(describeIssue(unknown.error!.issues[0]!, KeyRotateSchema).message).toMatch(
      /Unknown field 'grace'. Known fields: graceSeconds/,
    );
  });
});
