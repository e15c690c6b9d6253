import { describe, expect, it, vi } from "vitest";

// Two copies of the module, as under `npm start` (our server's and Next's bundle).
async function freshCopy() {
  vi.resetModules();
  return import("./errors");
}

describe("ApiError across copies of the module", () => {
  it("an error raised by one copy is answered in our shape by the other, never as a 500", async () => {
    const a = await freshCopy();
    const b = await freshCopy();
    expect(a.ApiError).not.toBe(b.ApiError);
    const err = new a.ApiError("invalid_request_error", "bad input", { param: "x" });
    expect(err instanceof b.ApiError).toBe(true);
    expect(b.isApiError(err)).toBe(true);
    const out = b.toErrorResponse(err);
    expect(out.status).toBe(400);
    expect(out.body.error).toMatchObject({ code: "invalid_request_error", param: "x" });
  });

  it("anything else is still the generic 500 without internals", async () => {
    const b = await freshCopy();
    const fake = { code: "forbidden", status: 403, message: "secret internals" };
    expect(fake instanceof b.ApiError).toBe(false);
    expect(b.toErrorResponse(fake).status).toBe(500);
    expect(b.toErrorResponse(new Error("x")).body.error.message).toBe("Internal server error.");
  });
});
