import { describe, expect, it } from "vitest";
import { isSameOriginMutation } from "./same-origin";

const req = (method: string, headers: Record<string, string>) =>
  new Request("http://gw.local/api/admin/tenants", { method, headers });

describe("same-origin check for cookie-authenticated mutations", () => {
  it("lets reads through without an Origin", () => {
    expect(isSameOriginMutation(req("GET", { host: "gw.local" }))).toBe(true);
  });
  it("accepts a POST from a page of the same host", () => {
    expect(
      isSameOriginMutation(req("POST", { host: "gw.local:3000", origin: "http://gw.local:3000" })),
    ).toBe(true);
    expect(
      isSameOriginMutation(
        req("DELETE", { host: "gw.local:3000", referer: "http://gw.local:3000/tenants" }),
      ),
    ).toBe(true);
  });
  it("refuses a POST from another site, an opaque origin, or none at all", () => {
    expect(
      isSameOriginMutation(req("POST", { host: "gw.local:3000", origin: "https://evil.example" })),
    ).toBe(false);
    expect(isSameOriginMutation(req("PATCH", { host: "gw.local:3000", origin: "null" }))).toBe(
      false,
    );
    expect(isSameOriginMutation(req("PUT", { host: "gw.local:3000" }))).toBe(false);
  });
});
