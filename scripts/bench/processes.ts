/**
 * Child processes of the benchmark (simulator, product server, load generator): every one
 * is registered here, so a failure or Ctrl-C anywhere still ends them all.
 */
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";

const children = new Set<ChildProcess>();
/** Set once shutdown begins: the benchmark's main flow may still be running and must not start anything new. */
let stopping = false;

/**
 * Spawns and registers a child; it unregisters itself when it exits. Each child leads its
 * own process group, so stopping it also stops what it started (start.ts may be running
 * `next build` when we give up on it; that must not be left behind).
 */
export function spawnTracked(command: string, args: string[], options: SpawnOptions): ChildProcess {
  if (stopping) throw new Error("the benchmark is shutting down");
  const child = spawn(command, args, { ...options, detached: true });
  children.add(child);
  child.once("exit", () => children.delete(child));
  // A spawn failure (e.g. ENOENT) is reported through `exit`/the caller's own handlers.
  child.once("error", () => children.delete(child));
  return child;
}

function alive(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** Signals the child's process group (its pid is the group id), falling back to the child alone. */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

/** SIGTERM (lets the gateway flush its meter), then SIGKILL whatever is left after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (!alive(child)) {
    // It may have died and left its own children (a `next build`) in its group.
    signalGroup(child, "SIGKILL");
    return;
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  signalGroup(child, "SIGTERM");
  const timer = setTimeout(() => signalGroup(child, "SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
  // Whatever it started and left running goes with it.
  signalGroup(child, "SIGKILL");
}

export function isStopping(): boolean {
  return stopping;
}

export async function stopAllChildren(): Promise<void> {
  stopping = true;
  await Promise.all([...children].map((c) => stopChild(c)));
}

// Last resort if the benchmark itself dies: no orphaned server keeps a port or a CPU.
process.once("exit", () => {
  for (const c of children) signalGroup(c, "SIGKILL");
});

/**
 * Resolves with the first match of `pattern` in the child's output; rejects if it exits or
 * `timeoutMs` passes first. Keeps collecting output for error messages.
 */
export function waitForOutput(
  child: ChildProcess,
  pattern: RegExp,
  what: string,
  timeoutMs: number,
): { ready: Promise<RegExpExecArray>; output: () => string } {
  let output = "";
  const ready = new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${what} not ready after ${timeoutMs} ms:\n${output.slice(-4000)}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      // Bounded: a chatty child must not grow the benchmark's memory.
      output = (output + chunk.toString()).slice(-64_000);
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(
          `${what} exited (${code ?? signal}) before it was ready:\n${output.slice(-4000)}`,
        ),
      );
    });
    child.once("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
  return { ready, output: () => output };
}

/** Node with tsx's loader, the way `npm start` runs the product. */
export function spawnTsx(script: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawnTracked(process.execPath, ["--import", "tsx", script], {
    cwd: process.cwd(),
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

// ---- memory of a child, from /proc (Linux) ----

function statusKb(pid: number, field: "VmRSS" | "VmHWM"): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(
      readFileSync(`/proc/${pid}/status`, "utf8"),
    );
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** The pid and its descendants (tsx keeps an esbuild helper; a fork of Next would count too). */
export function processTree(pid: number): number[] {
  const pids = [pid];
  for (let i = 0; i < pids.length && pids.length < 256; i++) {
    try {
      for (const tid of readdirSync(`/proc/${pids[i]}/task`)) {
        const kids = readFileSync(`/proc/${pids[i]}/task/${tid}/children`, "utf8").trim();
        if (kids) pids.push(...kids.split(/\s+/).map(Number));
      }
    } catch {
      // The process went away between the listing and the read.
    }
  }
  return pids;
}

export interface MemorySample {
  /** Peak of VmRSS summed over the process tree, sampled every 200 ms. */
  sampledPeakMiB: number;
  /** The main process's VmHWM (kernel-tracked peak) since this sampler started, when it could be reset. */
  hwmMiB?: number;
  processes: number;
}

/**
 * Peak memory of a process during one scenario. Writing 5 to clear_refs resets VmHWM, so
 * the kernel's exact peak covers just this scenario; where that is refused, the sampled
 * peak is what we have.
 */
export function sampleMemory(pid: number): { stop(): MemorySample } {
  let hwmReset = false;
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    hwmReset = true;
  } catch {
    hwmReset = false;
  }
  let peakKb = 0;
  let processes = 1;
  let stopped: MemorySample | undefined;
  const sample = () => {
    const tree = processTree(pid);
    processes = Math.max(processes, tree.length);
    peakKb = Math.max(
      peakKb,
      tree.reduce((sum, p) => sum + (statusKb(p, "VmRSS") ?? 0), 0),
    );
  };
  sample();
  const timer = setInterval(sample, 200);
  return {
    /** Idempotent; the numbers are those of the first call. */
    stop() {
      if (stopped) return stopped;
      clearInterval(timer);
      sample();
      const hwm = hwmReset ? statusKb(pid, "VmHWM") : undefined;
      stopped = {
        sampledPeakMiB: peakKb / 1024,
        hwmMiB: hwm === undefined ? undefined : hwm / 1024,
        processes,
      };
      return stopped;
    },
  };
}
