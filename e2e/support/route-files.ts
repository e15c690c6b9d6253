import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.join(import.meta.dirname, "../..");

function walk(dir: string, file: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(rel, file));
    else if (entry.name === file) out.push(rel);
  }
  return out.sort();
}

/** Every admin API route file, e.g. `app/api/admin/tenants/[id]/route.ts`. */
export function adminRouteFiles(): string[] {
  return walk("app/api/admin", "route.ts");
}

/** Every dashboard page file, e.g. `app/(dashboard)/tenants/[id]/page.tsx`. */
export function dashboardPageFiles(): string[] {
  return walk("app/(dashboard)", "page.tsx");
}

/** The HTTP methods a route file exports (`export const GET = ...`, `export async function POST`). */
export function exportedMethods(file: string): string[] {
  const source = readFileSync(path.join(ROOT, file), "utf8");
  const found = new Set<string>();
  for (const m of source.matchAll(
    /export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g,
  ))
    found.add(m[1]!);
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g))
    for (const name of m[1]!.matchAll(
      /\bas\s+(GET|POST|PUT|PATCH|DELETE)\b|\b(GET|POST|PUT|PATCH|DELETE)\b/g,
    ))
      found.add((name[1] ?? name[2])!);
  return [...found].sort();
}

/** A URL path for a route or page file, with each `[param]` filled by a placeholder id. */
export function urlFor(file: string): string {
  const route = file
    .replace(/^app\//, "/")
    .replace(/\/(route\.ts|page\.tsx)$/, "")
    .replace(/\/\([^)]+\)/g, "")
    .replace(/\[\.\.\.[^\]]+\]/g, "e2e-missing")
    .replace(/\[[^\]]+\]/g, "e2e-missing-id");
  return route === "" ? "/" : route;
}
