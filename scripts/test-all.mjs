#!/usr/bin/env node
/**
 * `npm test`: every stage runs, whatever failed before it, so one run reports every
 * failure (a type error does not hide a failing browser test). Prints a summary and
 * exits 1 when any stage failed, 0 otherwise.
 */
import { spawnSync } from "node:child_process";

const STAGES = [
  ["typecheck", "npx", ["tsc", "--noEmit"]],
  ["format", "npx", ["prettier", "--check", "."]],
  ["lint", "npx", ["eslint", "--max-warnings", "0", "."]],
  ["unit and integration", "npx", ["vitest", "run"]],
  ["browser", "npx", ["playwright", "test"]],
];

const results = [];
for (const [name, cmd, args] of STAGES) {
  const started = Date.now();
  console.log(`\n=== ${name}: ${cmd} ${args.join(" ")}`);
  const run = spawnSync(cmd, args, { stdio: "inherit" });
  const ok = run.status === 0;
  results.push({ name, ok, seconds: Math.round((Date.now() - started) / 1000) });
}

console.log("\n=== summary");
for (const r of results) console.log(`${r.ok ? "pass" : "FAIL"}  ${r.name} (${r.seconds} s)`);
const failed = results.filter((r) => !r.ok);
if (failed.length > 0) {
  console.log(`${failed.length} of ${results.length} stages failed`);
  process.exit(1);
}
