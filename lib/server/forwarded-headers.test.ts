import type { IncomingHttpHeaders } from "node:http";
import { describe, expect, it } from "vitest";
import { applyTrustedProxies, CLIENT_ADDRESS_HEADER } from "./forwarded-headers";

const apply = (headers: IncomingHttpHeaders, hops: number) => {
  const h = { ...headers };
  applyTrustedProxies(h, "10.0.0.9", hops);
  return h;
};

describe("forwarded headers and GATEWAY_TRUST_PROXY", () => {
  it("with no proxy trusted, drops every forwarded header and takes the socket's address", () => {
    const h = apply(
      {
        host: "gw.example",
        "x-forwarded-host": "evil.example",
        "x-forwarded-for": "1.2.3.4",
        "x-forwarded-proto": "https",
        forwarded: "for=1.2.3.4;host=evil.example",
        [CLIENT_ADDRESS_HEADER]: "6.6.6.6",
      },
      0,
    );
    expect(h).toEqual({ host: "gw.example", [CLIENT_ADDRESS_HEADER]: "10.0.0.9" });
  });

  it("with one proxy, takes what that proxy appended, not what the client claimed", () => {
    const h = apply(
      {
        "x-forwarded-for": "6.6.6.6, 1.2.3.4",
        "x-forwarded-host": "evil.example, gw.example",
        "x-forwarded-proto": "https",
      },
      1,
    );
    expect(h[CLIENT_ADDRESS_HEADER]).toBe("1.2.3.4");
    expect(h["x-forwarded-host"]).toBe("gw.example");
    expect(h["x-forwarded-proto"]).toBe("https");
  });

  it("with two proxies, walks two hops from the right", () => {
    const h = apply({ "x-forwarded-for": ["6.6.6.6, 1.2.3.4", "172.16.0.1"] }, 2);
    expect(h[CLIENT_ADDRESS_HEADER]).toBe("1.2.3.4");
  });

  it("with more hops trusted than present, takes the leftmost", () => {
    expect(apply({ "x-forwarded-for": "1.2.3.4" }, 3)[CLIENT_ADDRESS_HEADER]).toBe("1.2.3.4");
    expect(apply({}, 1)[CLIENT_ADDRESS_HEADER]).toBe("10.0.0.9");
  });
});
