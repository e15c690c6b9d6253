import { EventEmitter } from "node:events";
import type { ServerResponse } from "node:http";
import {
  CallStats,
  FaultRegistry,
  faultSpecSchema,
  type ActiveFault,
  type FaultSpec,
  type SimStats,
} from "./faults";
import { sendBody } from "./respond";

/**
 * The simulator's control surface, in-process (tests holding the Simulator object) and
 * over HTTP under `/_sim/` (the chaos script, a separately started simulator):
 *
 *   POST   /_sim/faults          body: a FaultSpec      -> 201 {id}
 *   GET    /_sim/faults                                 -> {faults: ActiveFault[]}
 *   DELETE /_sim/faults                                 -> {ok: true}
 *   DELETE /_sim/faults/{id}                            -> {ok: true} | 404
 *   GET    /_sim/stats                                  -> SimStats
 *   POST   /_sim/stats/reset                            -> {ok: true}
 *   GET    /_sim/health                                 -> {ok: true}
 */
/** Emitted when a stall fault takes effect: the server has written all it ever will. */
export interface StallEvent {
  provider: string;
  key: string | undefined;
  /** Stream events written before going silent (0 for a non-streaming request). */
  chunks: number;
}

interface SimulatorEvents {
  stall: [StallEvent];
}

export class SimulatorControl {
  readonly faults = new FaultRegistry();
  readonly calls = new CallStats();
  /**
   * Fault milestones, so a test can synchronise on "the server is now stalled" instead of
   * sleeping and hoping.
   */
  readonly events = new EventEmitter<SimulatorEvents>();

  /** Installs a fault and returns its id; throws on an invalid spec. */
  setFault(spec: FaultSpec): string {
    return this.faults.add(spec);
  }

  clearFault(id: string): boolean {
    return this.faults.remove(id);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  listFaults(): ActiveFault[] {
    return this.faults.list();
  }

  stats(): SimStats {
    return this.calls.snapshot();
  }

  resetStats(): void {
    this.calls.reset();
  }
}

const JSON_HEADERS = { "content-type": "application/json" };

function reply(res: ServerResponse, status: number, body: unknown): void {
  sendBody(res, status, JSON_HEADERS, JSON.stringify(body));
}

/** Serves one `/_sim/...` request. */
export function handleControlRequest(
  control: SimulatorControl,
  method: string,
  path: string,
  rawBody: string,
  res: ServerResponse,
): void {
  const rest = path.slice("/_sim/".length);
  if (rest === "faults" && method === "POST") {
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      return reply(res, 400, { error: "body is not valid JSON" });
    }
    const parsed = faultSpecSchema.safeParse(json);
    if (!parsed.success)
      return reply(res, 400, { error: "invalid fault", issues: parsed.error.issues });
    return reply(res, 201, { id: control.setFault(parsed.data as FaultSpec) });
  }
  if (rest === "faults" && method === "GET")
    return reply(res, 200, { faults: control.listFaults() });
  if (rest === "faults" && method === "DELETE") {
    control.clearFaults();
    return reply(res, 200, { ok: true });
  }
  if (rest.startsWith("faults/") && method === "DELETE") {
    const found = control.clearFault(decodeURIComponent(rest.slice("faults/".length)));
    return reply(res, found ? 200 : 404, found ? { ok: true } : { error: "no such fault" });
  }
  if (rest === "stats" && method === "GET") return reply(res, 200, control.stats());
  if (rest === "stats/reset" && method === "POST") {
    control.resetStats();
    return reply(res, 200, { ok: true });
  }
  if (rest === "health" && method === "GET") return reply(res, 200, { ok: true });
  return reply(res, 404, { error: `unknown control route: ${method} ${path}` });
}
