/**
 * Every upstream call the simulator receives, in the order it received them, with the
 * time and the fault (if any) that answered it. The simulator's own stats only count;
 * the resilience suites need "how many calls reached this key after that moment", so
 * this wraps the fault lookup the simulator makes once per provider call.
 */
import type { ActiveFault, Simulator } from "@/lib/simulator";

export interface SimCall {
  /** Position in arrival order, from 0. */
  seq: number;
  /** Date.now() on arrival (the gateway's clock too: same machine). */
  at: number;
  key: string | undefined;
  provider: string;
  /** Id of the fault that answered this call, if one did. */
  faultId?: string;
}

export interface SimCallLog {
  readonly calls: readonly SimCall[];
  /** Calls to one key, optionally only from position `fromSeq` on. */
  forKey(key: string, fromSeq?: number): SimCall[];
  /** Position the next call will get: a mark to count "calls after this point" from. */
  mark(): number;
  stop(): void;
}

export function recordSimCalls(sim: Simulator): SimCallLog {
  const calls: SimCall[] = [];
  const faults = sim.control.faults;
  const original = faults.take;
  faults.take = (key, provider) => {
    const fault = original.call(faults, key, provider) as ActiveFault | undefined;
    calls.push({
      seq: calls.length,
      at: Date.now(),
      key,
      provider,
      ...(fault ? { faultId: fault.id } : {}),
    });
    return fault;
  };
  return {
    calls,
    forKey: (key, fromSeq = 0) => calls.filter((c) => c.key === key && c.seq >= fromSeq),
    mark: () => calls.length,
    stop: () => {
      faults.take = original;
    },
  };
}
