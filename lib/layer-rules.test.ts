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
      'import { bootstrap } from "../../runtime/bootstrap";\nimport { revokeApiKey } from "@/lib/admin/keys/revoke-api-key";\nexport const probe = [bootstrap, revokeApiKey];\n',
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

  it("keeps lib/data out of lib/auth", async () => {
    const errors = await layerErrors(
      "lib/data/tenants/layer-probe.ts",
      'import { requireAdmin } from "@/lib/auth/admin-guard";\nexport const probe = requireAdmin;\n',
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("lib/data sits below");
  });

  it("keeps lib/gateway free of Next.js, wiring, storage, the simulator, auth and the hooks", async () => {
    const errors = await layerErrors(
      "lib/gateway/router/layer-probe.ts",
      [
        'import { NextResponse } from "next/server";',
        'import { getGatewayRuntime } from "@/lib/runtime/gateway-runtime";',
        'import { closeBreaker } from "@/lib/admin/credentials/close-breaker";',
        'import { loadCatalog } from "@/lib/data/catalog/load-catalog";',
        'import { startSimulator } from "@/lib/simulator";',
        'import { requireAdmin } from "@/lib/auth/admin-guard";',
        'import { useTenants } from "@/lib/queries/use-tenants";',
        "export const probe = [NextResponse, getGatewayRuntime, closeBreaker, loadCatalog, startSimulator, requireAdmin, useTenants];",
        "",
      ].join("\n"),
    );
    expect(errors).toHaveLength(7);
  });

  it("keeps lib/runtime below lib/admin, the hooks and app/", async () => {
    const errors = await layerErrors(
      "lib/runtime/layer-probe.ts",
      [
        'import { autoIssueInvoices } from "@/lib/admin/invoices/auto-issue-invoices";',
        'import { useTenants } from "../queries/use-tenants";',
        'import { GET } from "@/app/health/route";',
        'import { POST } from "../../app/v1/[...path]/route";',
        "export const probe = [autoIssueInvoices, useTenants, GET, POST];",
        "",
      ].join("\n"),
    );
    expect(errors).toHaveLength(4);
    expect(errors[0]).toContain("lib/runtime sits below lib/admin");
    expect(errors[2]).toContain("lib/runtime sits below app/");
  });

  it("keeps lib/auth below lib/runtime and lib/admin", async () => {
    const errors = await layerErrors(
      "lib/auth/layer-probe.ts",
      [
        'import { gatewayContext } from "@/lib/runtime/process-gateway";',
        'import { issueApiKey } from "../admin/keys/issue-api-key";',
        "export const probe = [gatewayContext, issueApiKey];",
        "",
      ].join("\n"),
    );
    expect(errors).toHaveLength(2);
    expect(errors[0]).toContain("lib/auth sits below");
  });

  it("keeps lib/billing free of the gateway (types too), lib/admin, lib/runtime and lib/data", async () => {
    const errors = await layerErrors(
      "lib/billing/layer-probe.ts",
      [
        'import type { TokenUsage } from "@/lib/gateway/providers/types";',
        'import { generateInvoices } from "@/lib/admin/invoices/generate-invoices";',
        'import { getGatewayRuntime } from "@/lib/runtime/gateway-runtime";',
        'import { loadCatalog } from "@/lib/data/catalog/load-catalog";',
        "export type Probe = TokenUsage;",
        "export const probe = [generateInvoices, getGatewayRuntime, loadCatalog];",
        "",
      ].join("\n"),
    );
    expect(errors).toHaveLength(4);
    expect(errors[0]).toContain("lib/billing is pure arithmetic");
  });

  it("keeps admin routes to their resource folder", async () => {
    const errors = await layerErrors(
      "app/api/admin/tenants/route.ts",
      [
        'import { listTenants } from "@/lib/admin/tenants/list-tenants";',
        'import { loadCatalog } from "@/lib/data/catalog/load-catalog";',
        'import { getGatewayRuntime } from "@/lib/runtime/gateway-runtime";',
        'import { KeyCache } from "@/lib/gateway/keys/key-cache";',
        "export const probe = [listTenants, loadCatalog, getGatewayRuntime, KeyCache];",
        "",
      ].join("\n"),
    );
    expect(errors).toHaveLength(3);
    expect(errors[0]).toContain("An admin route is guard, parse, one call");
  });

  it("lets the dashboard's hooks take server types, never values", async () => {
    const typeOnly = await layerErrors(
      "lib/queries/layer-probe.ts",
      'import type { TenantWire } from "@/lib/admin/tenants/tenant-wire";\nexport type Probe = TenantWire;\n',
    );
    expect(typeOnly).toEqual([]);
    const value = await layerErrors(
      "lib/queries/layer-probe.ts",
      'import { listTenants } from "@/lib/admin/tenants/list-tenants";\nexport const probe = listTenants;\n',
    );
    expect(value).toHaveLength(1);
    expect(value[0]).toContain("Dashboard hooks run in the browser");
  });

  it("leaves the right direction alone", async () => {
    const cases: [string, string][] = [
      [
        "lib/admin/layer-probe.ts",
        'import { loadCatalog } from "@/lib/data/catalog/load-catalog";',
      ],
      ["app/api/admin/probe/route.ts", 'import { adminRoute } from "@/lib/auth/admin-route";'],
      ["lib/admin/layer-probe.ts", 'import { generateApiKey } from "@/lib/gateway/keys/api-key";'],
      ["lib/runtime/layer-probe.ts", 'import { KeyCache } from "@/lib/gateway/keys/key-cache";'],
      ["lib/runtime/layer-probe.ts", 'import { provideAuthSecret } from "@/lib/auth/auth-secret";'],
      ["lib/auth/layer-probe.ts", 'import { hashesEqual } from "@/lib/gateway/keys/api-key";'],
      [
        "lib/gateway/layer-probe.ts",
        'import { chargeableTokens } from "@/lib/billing/token-charge";',
      ],
    ];
    for (const [file, line] of cases) {
      const name = /\{ (\w+) \}/.exec(line)![1];
      expect(await layerErrors(file, `${line}\nexport const probe = ${name};\n`), line).toEqual([]);
    }
  });
});
