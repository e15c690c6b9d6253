import { z } from "zod";

/**
 * Fault injection: a test (or the chaos script) says "the next N calls with this key (or
 * to this provider) fail like this", and the simulator obeys. Matching by credential wins
 * over matching by provider, so one dead key can be simulated next to a healthy one.
 */

export interface StreamFault {
  /** Send this many stream events, then the provider's in-stream error event, then end. */
  failAfterChunks?: number;
  /** Send this many stream events, then destroy the socket (no terminator). */
  dropAfterChunks?: number;
  /** Send this many stream events, then end the response cleanly without the provider's end marker. */
  endAfterChunks?: number;
  /** Send this many stream events, then go silent with the socket left open. */
  stallAfterChunks?: number;
  /** Delay between stream events. */
  dripMs?: number;
  /**
   * Payload of the in-stream error event; default: the provider's overloaded error. For
   * OpenAI-style streams an array sends one event per element (a string as it is, e.g.
   * "[DONE]" after OpenRouter's error chunk).
   */
  errorEvent?: unknown;
}

export interface FaultSpec {
  /** Label shown in listings (the PROVIDER_ERRORS entries carry one). */
  name?: string;
  /** `key`: the credential presented; `provider`: the path prefix slug. Both given: both must match. */
  match: { key?: string; provider?: string };
  /** With `status` or `body`, the response is replaced by status + headers + body. */
  status?: number;
  /** JSON value (serialised) or string (sent as-is). */
  body?: unknown;
  /** Added to the response (the replaced one, or the normal one when there is no status/body). */
  headers?: Record<string, string>;
  /** Wait this long before answering. */
  latencyMs?: number;
  /** Apply to the next N matching requests, then clear itself; default: until cleared. */
  times?: number;
  stream?: StreamFault;
}

export interface ActiveFault extends FaultSpec {
  id: string;
  /** Requests this fault has been applied to so far. */
  hits: number;
}

const count = z.number().int().min(0);

export const faultSpecSchema = z.object({
  name: z.string().optional(),
  match: z.object({ key: z.string().optional(), provider: z.string().optional() }),
  status: z.number().int().min(100).max(599).optional(),
  body: z.unknown().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  latencyMs: count.optional(),
  times: z.number().int().min(1).optional(),
  stream: z
    .object({
      failAfterChunks: count.optional(),
      dropAfterChunks: count.optional(),
      endAfterChunks: count.optional(),
      stallAfterChunks: count.optional(),
      dripMs: count.optional(),
      errorEvent: z.unknown().optional(),
    })
    .optional(),
});

export class FaultRegistry {
  /** Newest last; lookups scan from the end so a later fault shadows an earlier one. */
  private faults: ActiveFault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): string {
    const parsed = faultSpecSchema.parse(spec) as FaultSpec;
    const id = `fault_${this.nextId++}`;
    this.faults.push({ ...parsed, id, hits: 0 });
    return id;
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length !== before;
  }

  clear(): void {
    this.faults = [];
  }

  list(): ActiveFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /**
   * The fault for this request, consuming one of its `times`. Precedence: a fault naming
   * the key, then one naming only the provider, then one naming neither.
   */
  take(key: string | undefined, provider: string): FaultSpec | undefined {
    if (this.faults.length === 0) return undefined;
    const fault = this.find(key, provider);
    if (!fault) return undefined;
    fault.hits += 1;
    if (fault.times !== undefined && fault.hits >= fault.times) this.remove(fault.id);
    return fault;
  }

  private find(key: string | undefined, provider: string): ActiveFault | undefined {
    let byProvider: ActiveFault | undefined;
    let global: ActiveFault | undefined;
    for (let i = this.faults.length - 1; i >= 0; i--) {
      const f = this.faults[i]!;
      const m = f.match;
      if (m.provider !== undefined && m.provider !== provider) continue;
      if (m.key !== undefined) {
        if (m.key === key) return f;
      } else if (m.provider !== undefined) {
        byProvider ??= f;
      } else {
        global ??= f;
      }
    }
    return byProvider ?? global;
  }
}

export interface SimStats {
  /** Calls per presented key; calls without a key count under `provider:<slug>`. */
  calls: Record<string, number>;
  /** Calls per provider slug. */
  byProvider: Record<string, number>;
  total: number;
}

/** Upstream call counters: how many calls each credential cost (the "bounded handful" checks). */
export class CallStats {
  private byKey = new Map<string, number>();
  private byProvider = new Map<string, number>();
  private total = 0;

  record(key: string | undefined, provider: string): void {
    const k = key ?? `provider:${provider}`;
    this.byKey.set(k, (this.byKey.get(k) ?? 0) + 1);
    this.byProvider.set(provider, (this.byProvider.get(provider) ?? 0) + 1);
    this.total += 1;
  }

  snapshot(): SimStats {
    return {
      calls: Object.fromEntries(this.byKey),
      byProvider: Object.fromEntries(this.byProvider),
      total: this.total,
    };
  }

  reset(): void {
    this.byKey.clear();
    this.byProvider.clear();
    this.total = 0;
  }
}
