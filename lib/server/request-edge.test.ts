import { describe, expect, it } from "vitest";
import { decideRequestEdge } from "./request-edge";

const HOST = "gw.example:3000";

describe("request lines decided before any router", () => {
  it.each([
    ["GET", "/tenants?x=1", "/tenants?x=1"],
    ["POST", "/v1/chat/completions", "/v1/chat/completions"],
    ["GET", "http://gw.example:3000/api/admin/tenants?x=1", "/api/admin/tenants?x=1"],
    ["GET", "HTTP://GW.EXAMPLE:3000/v1/models", "/v1/models"],
  ])("serves %s %s as %s", (method, target, path) => {
    expect(decideRequestEdge(method, target, HOST)).toEqual({ path });
  });

  it("answers OPTIONS * with 204 and Allow", () => {
    const d = decideRequestEdge("OPTIONS", "*", HOST);
    expect(d).toMatchObject({ answer: { status: 204, headers: { allow: expect.any(String) } } });
  });

  it.each([
    ["GET", "*", 400],
    ["POST", "*", 400],
    ["TRACE", "/", 405],
    ["TRACE", "*", 405],
    ["CONNECT", "gw.example:443", 405],
    ["PROPFIND", "/", 405],
    ["GET", "http://evil.example/x", 400],
    ["GET", "http://gw.example:3000.evil.example/x", 400],
    ["GET", "ftp://gw.example:3000/x", 400],
    ["GET", "http://[::1", 400],
    ["GET", "gw.example:443", 400],
    ["GET", "//evil.example/", 400],
    ["GET", "/\\evil.example/", 400],
    ["GET", "http://gw.example:3000//evil.example/", 400],
  ])("answers %s %s with %i in the API's shape", (method, target, status) => {
    const d = decideRequestEdge(method, target, HOST);
    expect("answer" in d && d.answer.status).toBe(status);
    if (!("answer" in d)) return;
    const body = JSON.parse(d.answer.body) as { error: { code: string; type: string } };
    expect(body.error.code).toBe(status === 405 ? "method_not_allowed" : "invalid_request_error");
    if (status === 405) expect(d.answer.headers.allow).toContain("GET");
  });
});
