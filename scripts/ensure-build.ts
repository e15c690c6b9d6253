/**
 * Builds the Next.js app when there is no build, or when a source file is newer than
 * the build (after a pull or an edit), so `npm start` and the tests never serve stale code.
 */
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";

const SOURCES = [
  "app",
  "lib",
  "instrumentation.ts",
  "next.config.ts",
  "postcss.config.mjs",
  "package.json",
  "prisma/schema.prisma",
];
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

/**
 * Several processes may want a build at once (parallel test runners, two starts): the
 * first takes a lock directory, the others wait for it and then re-check freshness.
 */
function withBuildLock(root: string, fn: () => void): void {
  const lock = path.join(root, ".build.lock");
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(path.join(lock, "pid"), String(process.pid));
      break;
    } catch {
      // A lock whose owner is gone (killed mid-build), or older than the longest build,
      // is taken over at once rather than waited out.
      if (
        existsSync(lock) &&
        (ownerGone(lock) || Date.now() - statSync(lock).mtimeMs > 10 * 60_000)
      )
        rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Whether the process that took the lock has exited (false while it is unknown). */
function ownerGone(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(path.join(lock, "pid"), "utf8"));
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ESRCH";
  }
}

export function ensureBuild(root = process.cwd()): void {
  if (buildIsFresh(root)) return;
  withBuildLock(root, () => {
    if (buildIsFresh(root)) return;
    console.log("Building the app (no build yet, or sources changed since the last one)...");
    const result = spawnSync(
      process.execPath,
      [path.join(root, "node_modules/next/dist/bin/next"), "build"],
      {
        cwd: root,
        stdio: "inherit",
        env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
      },
    );
    if (result.status !== 0) throw new Error(`next build failed with exit code ${result.status}`);
  });
}
