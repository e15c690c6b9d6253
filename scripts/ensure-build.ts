/**
 * Builds the Next.js app when there is no build, or when a source file is newer than
 * the build (after a pull or an edit), so `npm start` and the tests never serve stale code.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const SOURCES = ["app", "lib", "next.config.ts", "package.json", "prisma/schema.prisma"];
const SKIP = new Set(["node_modules", "generated", "__fixtures__"]);

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(entry)) {
    if (SKIP.has(name) || name.endsWith(".test.ts")) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, name)));
  }
  return newest;
}

export function buildIsFresh(root = process.cwd()): boolean {
  const stamp = path.join(root, ".next/BUILD_ID");
  if (!existsSync(stamp)) return false;
  const built = statSync(stamp).mtimeMs;
  return SOURCES.every((s) => newestMtime(path.join(root, s)) <= built);
}

export function ensureBuild(root = process.cwd()): void {
  if (buildIsFresh(root)) return;
  console.log("Building the app (no build yet, or sources changed since the last one)...");
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error(`next build failed with exit code ${result.status}`);
}
