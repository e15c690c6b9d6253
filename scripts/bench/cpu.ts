/**
 * How much of the machine something else used while a scenario ran. On a shared 2-core box
 * a test suite or a build next door halves the numbers; this makes that visible instead
 * of letting it pass for a regression. Linux /proc only; elsewhere it reports nothing.
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import { processTree } from "./processes";

/** Busy jiffies of the whole machine (everything but idle and iowait). */
function machineBusy(): number | undefined {
  try {
    const fields = readFileSync("/proc/stat", "utf8")
      .split("\n")[0]!
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
    return total - fields[3]! - fields[4]!;
  } catch {
    return undefined;
  }
}

/** utime+stime of a process plus what its reaped children used (wrk, once it has exited). */
function processJiffies(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the parenthesised command name, which may itself contain spaces.
    const f = stat
      .slice(stat.lastIndexOf(")") + 2)
      .split(" ")
      .map(Number);
    return f[11]! + f[12]! + f[13]! + f[14]!;
  } catch {
    return 0;
  }
}

/**
 * CPU milliseconds a process has used so far. Per request, this is the one number a busy
 * neighbour barely moves: it costs us wall time, not our own CPU time.
 */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat
      .slice(stat.lastIndexOf(")") + 2)
      .split(" ")
      .map(Number);
    return (f[11]! + f[12]!) * 10;
  } catch {
    return NaN;
  }
}

/** The benchmark's own CPU: this process and every descendant (servers, load generator). */
function ownJiffies(): number {
  return processTree(process.pid).reduce((sum, pid) => sum + processJiffies(pid), 0);
}

export interface ForeignLoad {
  /** Share of the machine's total CPU capacity used by processes outside the benchmark, in %. */
  foreignPct: number;
  /** Share used by the benchmark's own processes, in %. */
  ownPct: number;
  /** Share used by the Postgres backends serving the bench database (metering writes, mostly), in %. */
  databasePct: number;
}

/**
 * `databasePids`: the Postgres backends of the gateway under test. They are not our
 * children, but their work is the gateway's (usage rows), not a neighbour's.
 */
export function watchForeignLoad(databasePids: readonly number[] = []): {
  stop(): ForeignLoad | undefined;
} {
  const dbJiffies = () => databasePids.reduce((sum, pid) => sum + processJiffies(pid), 0);
  const busy0 = machineBusy();
  const own0 = ownJiffies();
  const db0 = dbJiffies();
  const t0 = Date.now();
  return {
    stop() {
      const busy1 = machineBusy();
      if (busy0 === undefined || busy1 === undefined) return undefined;
      // USER_HZ is 100 on every Linux this runs on.
      const capacity = ((Date.now() - t0) / 1000) * 100 * os.cpus().length;
      const own = ownJiffies() - own0;
      const db = dbJiffies() - db0;
      const pct = (jiffies: number) => Math.max(0, (jiffies / capacity) * 100);
      return { foreignPct: pct(busy1 - busy0 - own - db), ownPct: pct(own), databasePct: pct(db) };
    },
  };
}
