import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * Every admin route is thin: it imports from one resource folder (`lib/admin/<resource>/`)
 * and each method's handler makes exactly one call into it (schemas are passed to the
 * parser, not called). Read from the route files themselves, so a new route is checked too.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const ROUTES = path.join(ROOT, "app/api/admin");
const RESOURCE_IMPORT = /^@\/lib\/admin\/([\w-]+)\//;

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}

interface RouteShape {
  resources: string[];
  /** Per exported `adminRoute` handler: the resource functions it calls. */
  callsByMethod: Record<string, string[]>;
}

function shapeOf(file: string): RouteShape {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
  const resources = new Set<string>();
  const resourceFunctions = new Set<string>();
  const callsByMethod: Record<string, string[]> = {};
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const from = (statement.moduleSpecifier as ts.StringLiteral).text;
      const resource = RESOURCE_IMPORT.exec(from)?.[1];
      if (!resource) continue;
      resources.add(resource);
      const names = statement.importClause?.namedBindings;
      if (names && ts.isNamedImports(names))
        for (const el of names.elements) resourceFunctions.add(el.name.text);
    }
    if (ts.isVariableStatement(statement)) {
      for (const decl of statement.declarationList.declarations) {
        if (!ts.isIdentifier(decl.name) || !decl.initializer) continue;
        const calls: string[] = [];
        const visit = (node: ts.Node) => {
          if (
            ts.isCallExpression(node) &&
            ts.isIdentifier(node.expression) &&
            resourceFunctions.has(node.expression.text)
          )
            calls.push(node.expression.text);
          ts.forEachChild(node, visit);
        };
        visit(decl.initializer);
        const isHandler =
          ts.isCallExpression(decl.initializer) &&
          ts.isIdentifier(decl.initializer.expression) &&
          decl.initializer.expression.text === "adminRoute";
        if (isHandler) callsByMethod[decl.name.text] = calls;
      }
    }
  }
  return { resources: [...resources], callsByMethod };
}

describe("admin routes", () => {
  const files = routeFiles(ROUTES);

  it("are found", () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files.map((f) => [path.relative(ROOT, f), f]))(
    "%s imports one resource folder and makes one call into it per method",
    (_name, file) => {
      const shape = shapeOf(file);
      expect(shape.resources).toHaveLength(1);
      const methods = Object.entries(shape.callsByMethod);
      expect(methods.length).toBeGreaterThan(0);
      for (const [method, calls] of methods)
        expect({ method, calls: calls.length }).toEqual({ method, calls: 1 });
    },
  );
});
