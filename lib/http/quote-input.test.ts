import { describe, expect, it } from "vitest";
import { MAX_QUOTED_CHARS, quoteInput } from "./quote-input";

describe("quoting caller input in errors", () => {
  it("quotes short text as it is", () => {
    expect(quoteInput("gpt-4o")).toBe("'gpt-4o'");
  });
  it("escapes control characters", () => {
    expect(quoteInput("a\nb\u0000")).toBe("'a\\u000ab\\u0000'");
  });
  it("cuts megabytes to a short excerpt naming the full length", () => {
    const out = quoteInput("x".repeat(5_000_000));
    expect(out.length).toBeLessThan(MAX_QUOTED_CHARS + 40);
    expect(out).toMatch(/…' \(5000000 characters\)$/);
  });
});
