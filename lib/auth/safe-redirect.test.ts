import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./safe-redirect";

describe("redirects after sign-in go only to our own paths", () => {
  it.each([
    ["/", "/"],
    ["/tenants", "/tenants"],
    ["/tenants/abc?tab=keys#k1", "/tenants/abc?tab=keys#k1"],
    ["/spend?from=2026-01-01&to=2026-02-01", "/spend?from=2026-01-01&to=2026-02-01"],
    ["/javascript:alert(1)", "/javascript:alert(1)"],
    ["/a%20b", "/a%20b"],
    ["/@evil.example", "/@evil.example"],
  ])("keeps %j", (raw, expected) => {
    expect(safeRedirectPath(raw)).toBe(expected);
  });

  it.each([
    ["absolute URL", "https://evil.example/x"],
    ["protocol-relative", "//evil.example"],
    ["backslash", "/\\evil.example"],
    ["two backslashes", "\\\\evil.example"],
    ["escaped backslash", "/%5Cevil.example"],
    ["escaped backslash, lower case", "/%5cevil.example"],
    ["escaped slash", "/%2Fevil.example"],
    ["escaped slash, mixed case", "/%2fEvil.Example"],
    ["tab", "/\t/evil.example"],
    ["escaped tab", "/%09/evil.example"],
    ["newline", "/\n/evil.example"],
    ["escaped newline", "/%0A/evil.example"],
    ["carriage return", "/\r/evil.example"],
    ["double-encoded backslash", "/%255Cevil.example"],
    ["double-encoded slash", "/%252F%252Fevil.example"],
    ["javascript:", "javascript:alert(1)"],
    ["javascript: in mixed case", "JaVaScRiPt:alert(1)"],
    ["javascript: after whitespace", " javascript:alert(1)"],
    ["data:", "data:text/html,<script>alert(1)</script>"],
    ["relative without slash", "evil.example"],
    ["empty", ""],
    ["malformed escape", "/%E0%A4%A"],
    ["NUL", "/\u0000/evil.example"],
  ])("refuses %s", (_name, raw) => {
    expect(safeRedirectPath(raw)).toBe("/");
  });

  it("refuses what is not a string", () => {
    expect(safeRedirectPath(undefined)).toBe("/");
    expect(safeRedirectPath(["/a", "//b"])).toBe("/");
  });
});
