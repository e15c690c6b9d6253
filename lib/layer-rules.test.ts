import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

// The project's own ESLint configuration, run through ESLint's Node API on source text
// placed (virtually) in a given folder: the layer rules must fail the wrong direction.
const root = path.resolve(import.meta.dirname, "..");
let eslint: ESLint;

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return result!.messages
    .filter((m) => m.ruleId === "@typescript-eslint/no-restricted-imports")
    .map((m) => m.message);
}

describe("layer import rules", () => {
  // The first lint loads the configuration and its plugins: seconds on a busy machine.
  beforeAll(async () => {
    eslint = new ESLint({ cwd: root });
    await eslint.lintText("export {};\n", { filePath: path.join(root, "lib/data/layer-probe.ts") });
  }, 60_000);

  it("fails an import from lib/data into lib/runtime", async () => {
    const errors = await layerErrors(
      "lib/data/tenants/layer-probe.ts",
      'import { getGatewayRuntime } from "@/lib/runtime/gateway-runtime";\nexport const probe = getGatewayRuntime;\n',
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("lib/data sits below lib/runtime");
  });

  it("fails the same import by a relative path, and one into lib/admin", async () => {
    const errors = await layerErrors(
      "lib/data/tenants/layer-probe.ts",
      'import { bootstrap } from "../../runtime/bootstrap";\nimport { revokeApiKey } from "@/lib/admin/revoke-api-key";\nexport const probe = [bootstrap, revokeApiKey];\n',
    );
    expect(errors).toHaveLength(2);
  });

  it("lets lib/data take the gateway's types but not its values", async () => {
    const typeOnly = await layerErrors(
      "lib/data/probe/layer-probe.ts",
      'import type { Catalog } from "@/lib/gateway/catalog";\nexport type Probe = Catalog;\n',
    );
    expect(typeOnly).toEqual([]);
    const value = await layerErrors(
      "lib/data/probe/layer-probe.ts",
      'import { EMPTY_CATALOG } from "@/lib/gateway/catalog";\nexport const probe = EMPTY_CATALOG;\n',
    );
    expect(value).toHaveLength(1);
  });

  it("keeps lib/gateway free of Next.js, wiring, storage and the simulator", async () => {
    const errors = await layerErrors(
      "lib/gateway/router/layer-probe.ts",
      [
        'import { NextResponse } from "next/server";',
        'import { getGatewayRuntime } from "@/lib/runtime/gateway-runtime";',
        'import { closeBreaker } from "@/lib/admin/close-breaker";',
        'import { getTenant } from "@/lib/data/tenants/get-tenant";',
        'import { startSimulator } from "@/lib/simulator";',
        "export const probe = [NextResponse, getGatewayRuntime, closeBreaker, getTenant, startSimulator];",
        "",
      ].join("\n"),
    );
    expect(errors).toHaveLength(5);
  });

  it("leaves the right direction alone", async () => {
    const errors = await layerErrors(
      "lib/admin/layer-probe.ts",
      'import { getTenant } from "@/lib/data/tenants/get-tenant";\nexport const probe = getTenant;\n',
    );
    expect(errors).toEqual([]);
  });
});
