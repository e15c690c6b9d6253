import { describe, expect, it } from "vitest";
import { isDecodablePath, undecodablePathResponse } from "./path-encoding";

describe("isDecodablePath", () => {
  it("accepts plain and well-escaped paths", () => {
    for (const p of [
      "/api/admin/tenants/ck123",
      "/api/admin/tenants/a%20b",
      "/api/admin/tenants/%E6%9D%B1",
      "/api/admin/tenants/%00",
    ])
      expect(isDecodablePath(p)).toBe(true);
  });

  it("refuses malformed escapes and escaped bytes that are not UTF-8", () => {
    for (const p of [
      "/api/admin/tenants/%zz",
      "/api/admin/tenants/%E0%A4%A",
      "/api/admin/tenants/%FF%FE",
      "/api/admin/tenants/%C0%80",
      "/api/admin/tenants/%ED%A0%80",
      "/api/admin/%",
    ])
      expect(isDecodablePath(p)).toBe(false);
  });

  it("answers in the API's error shape", () => {
    const res = undecodablePathResponse();
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({
      error: { type: "invalid_request_error", code: "invalid_request_error" },
    });
  });
});
