/**
 * Runs `scripts/start.ts` exactly as an operator would, with only the environment the
 * test gives (no test database, no admin secrets, no provider keys unless passed), and
 * reports how it exited. For the first-start tests; the other suites use
 * startGatewayProcess, which points the product at the test database.
 */
import { spawn } from "node:child_process";
import path from "node:path";

/** Longer than a cold start with an embedded Postgres on a loaded machine; below the suites' hook timeout. */
const READY_TIMEOUT_MS = 100_000;

export interface ProductProcess {
  url: string;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** The exit code (null when killed by a signal). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then the exit status. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `args`: what node runs; `npm start`'s script by default. */
export async function startProductProcess(
  env: Record<string, string>,
  args: string[] = ["--import", "tsx", "scripts/start.ts"],
): Promise<ProductProcess> {
  const root = path.resolve(import.meta.dirname, "../..");
  const child = spawn(process.execPath, args, {
    cwd: root,
    // Nothing from this process's environment beyond what any shell has: no DATABASE_URL.
    // (start.ts sets NODE_ENV=production itself; it is here for the type only.)
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  // A process that never gets ready is killed, not left behind when the test gives up.
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`not ready within ${READY_TIMEOUT_MS} ms:\n${output}`));
    }, READY_TIMEOUT_MS);
    void exited.then(() => clearTimeout(timer));
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready at (http:\/\/localhost:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    void exited.then(({ code, signal }) =>
      reject(new Error(`start.ts exited (${code ?? signal}) before it was ready:\n${output}`)),
    );
  });
  return {
    url,
    output: () => output,
    exited,
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}
