import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { methodNotAllowed, unknownApiPath } from "./route-fallbacks";

const ROOT = path.resolve(import.meta.dirname, "../..");

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(full);
    return e.name === "route.ts" ? [full] : [];
  });
}

describe("methodNotAllowed", () => {
  it("answers 405 in the API's error shape with Allow", async () => {
    const res = methodNotAllowed("GET", "PATCH").DELETE();
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, PATCH");
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(await res.json()).toEqual({
      error: {
        message: "Method not allowed on this path; use GET, PATCH.",
        type: "invalid_request_error",
        param: null,
        code: "method_not_allowed",
      },
    });
  });
});

describe("unknownApiPath", () => {
  it("answers 404 not_found naming the method and path", async () => {
    const res = unknownApiPath(
      new Request("http://localhost/api/admin/nothing-here", { method: "POST" }),
    );
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("not_found");
    expect(body.error.message).toBe("Unknown endpoint 'POST /api/admin/nothing-here'.");
  });
});

describe("admin route files", () => {
  // Next answers a method a route file does not export with an empty 405; every admin
  // route exports all five, the ones it does not serve from methodNotAllowed(...).
  it.each(routeFiles(path.join(ROOT, "app/api/admin")).map((f) => [path.relative(ROOT, f)]))(
    "%s answers every method",
    (file) => {
      const source = readFileSync(path.join(ROOT, file), "utf8");
      const exported = new Set<string>();
      for (const m of source.matchAll(/^export const (GET|POST|PUT|PATCH|DELETE)\b/gm))
        exported.add(m[1]!);
      for (const m of source.matchAll(/^export const \{([^}]*)\} = methodNotAllowed\(/gm))
        for (const name of m[1]!.split(",")) exported.add(name.trim());
      expect(
        [...exported].sort(),
        `${file}: add \`export const { ... } = methodNotAllowed(...)\` for the methods it does not serve`,
      ).toEqual(["DELETE", "GET", "PATCH", "POST", "PUT"]);
    },
  );
});
