/**
 * Prisma's CLI without its native schema engine, which cannot be downloaded on these
 * machines. Prisma 6 ships a WebAssembly schema engine that it uses when its config
 * says `engine: "js"` with a driver adapter; the `prisma6` dev dependency (an alias
 * of prisma@6) is run that way from a scratch folder. Used for `migrate diff`
 * (scripts/prisma-diff.ts, the migrations test) and, in tests, for `migrate
 * status`/`deploy` to check that Prisma accepts our migration history.
 *
 * Development tooling only; the app never imports it.
 *
 * Prisma 6 connects through the adapter even for a diff of two schema files, so a
 * reachable Postgres is always needed; a diff does not change it.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

export type DiffSource = { kind: "empty" } | { kind: "schema"; text: string };

export interface PrismaDiffOptions {
  from: DiffSource;
  /** Text of the target schema.prisma. */
  to: string;
  /** Any reachable Postgres; only used to satisfy Prisma 6's adapter. */
  databaseUrl: string;
  timeoutMs?: number;
}

export interface Prisma6Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Marker Prisma prints instead of SQL when the two sides are equal. */
export const EMPTY_MIGRATION_MARKER = "-- This is an empty migration.";

const require = createRequire(import.meta.url);

/** Returns the SQL script that turns `from` into `to` (`prisma migrate diff --script`). */
export async function prismaMigrateDiff(opts: PrismaDiffOptions): Promise<string> {
  const files: Record<string, string> = { "schema.prisma": forPrisma6(opts.to) };
  const args = ["migrate", "diff"];
  if (opts.from.kind === "empty") {
    args.push("--from-empty");
  } else {
    files["from.prisma"] = forPrisma6(opts.from.text);
    args.push("--from-schema-datamodel", "from.prisma");
  }
  args.push("--to-schema-datamodel", "schema.prisma", "--script");
  const result = await runPrisma6({
    args,
    files,
    databaseUrl: opts.databaseUrl,
    timeoutMs: opts.timeoutMs,
  });
  // stderr carries Prisma's message (it names host and port, never the password).
  if (result.code !== 0)
    throw new Error(
      `prisma@6 migrate diff failed: ${result.stderr.trim() || result.stdout.trim()}`,
    );
  return result.stdout;
}

/** `prisma migrate <command>` against a live database, e.g. "status" or "deploy". */
export function prismaMigrate(
  command: "status" | "deploy",
  opts: { databaseUrl: string; schema: string; migrationsDir: string; timeoutMs?: number },
): Promise<Prisma6Result> {
  return runPrisma6({
    args: ["migrate", command],
    files: { "schema.prisma": forPrisma6(opts.schema) },
    databaseUrl: opts.databaseUrl,
    migrationsDir: path.resolve(opts.migrationsDir),
    timeoutMs: opts.timeoutMs,
  });
}

/**
 * Prisma 7 schemas keep the URL out of the datasource block; Prisma 6 insists on one.
 * With an adapter configured it is never used, so a placeholder is put in. Generator
 * blocks are dropped: they play no part here and may use Prisma 7-only options.
 */
export function forPrisma6(schema: string): string {
  const withoutGenerators = schema.replace(/^generator\s+\w+\s*\{[^}]*\}\s*$/gm, "");
  return withoutGenerators.replace(
    /^(datasource\s+\w+\s*\{)([^}]*)\}/m,
    (_all, head: string, body: string) => {
      const kept = body
        .split("\n")
        .filter((line) => !/^\s*(url|directUrl|shadowDatabaseUrl)\s*=/.test(line))
        .join("\n");
      return `${head}\n  url = "postgresql://offline@localhost/offline"${kept}}`;
    },
  );
}

async function runPrisma6(opts: {
  args: string[];
  files: Record<string, string>;
  databaseUrl: string;
  migrationsDir?: string;
  timeoutMs?: number;
}): Promise<Prisma6Result> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "prisma6-"));
  try {
    await writeFile(path.join(dir, "prisma.config.ts"), configSource(opts.migrationsDir));
    await writeFile(path.join(dir, "unref-long-timers.cjs"), UNREF_LONG_TIMERS);
    for (const [name, text] of Object.entries(opts.files))
      await writeFile(path.join(dir, name), text);
    const args = [
      "--require",
      "./unref-long-timers.cjs",
      require.resolve("prisma6/build/index.js"),
      ...opts.args,
    ];
    return await run(args, dir, opts.databaseUrl, opts.timeoutMs ?? 120_000);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The wasm engine arms a 10 s timer around taking Prisma's advisory lock and never
 * clears it, so `migrate deploy` lingers 10 s after finishing. Unref'd, such a timer
 * still fires while the engine is busy (its database connection keeps the process
 * alive) but no longer holds the finished CLI open.
 */
const UNREF_LONG_TIMERS = `const original = globalThis.setTimeout;
globalThis.setTimeout = function (fn, ms, ...rest) {
  const timer = original.call(this, fn, ms, ...rest);
  if (ms >= 10000 && timer && typeof timer.unref === "function") timer.unref();
  return timer;
};
`;

function configSource(migrationsDir: string | undefined): string {
  // Absolute imports, so the scratch folder needs no node_modules of its own: Prisma 6's
  // config helper and the project's @prisma/adapter-pg (which also serves Prisma 6).
  const configModule = pathToFileURL(require.resolve("prisma6/config")).href;
  const adapterModule = pathToFileURL(require.resolve("@prisma/adapter-pg")).href;
  const migrations = migrationsDir
    ? `\n  migrations: { path: ${JSON.stringify(migrationsDir)} },`
    : "";
  return `import { defineConfig } from ${JSON.stringify(configModule)};
import { PrismaPg } from ${JSON.stringify(adapterModule)};

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  // Without these the idle pool keeps the CLI alive for pg's default 10 s after the work.
  adapter: async () =>
    new PrismaPg({ connectionString: process.env.PRISMA6_DATABASE_URL, allowExitOnIdle: true, idleTimeoutMillis: 100 }),
  schema: "schema.prisma",${migrations}
});
`;
}

function run(
  args: string[],
  cwd: string,
  databaseUrl: string,
  timeoutMs: number,
): Promise<Prisma6Result> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PRISMA6_DATABASE_URL: databaseUrl,
    // Prisma 6's CLI checks for native engines before it looks at `engine: "js"`;
    // any existing file satisfies the check and is never executed.
    PRISMA_QUERY_ENGINE_LIBRARY: process.execPath,
    PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  };
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      { cwd, env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err && typeof err.code !== "number") {
          reject(new Error(`prisma@6 ${args.slice(3, 5).join(" ")} did not run: ${err.message}`));
          return;
        }
        resolve({ code: err ? Number(err.code) : 0, stdout, stderr });
      },
    );
  });
}
