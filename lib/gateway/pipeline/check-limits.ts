import { ApiError } from "@/lib/errors";
import type { LimitGate, LimitRequest } from "@/lib/gateway/limits/limit-gate";
import type { TokenUsage } from "@/lib/gateway/providers/types";

export interface Admitted {
  /** Headers the limits add to the answer, success or error. */
  headers: Record<string, string>;
  /** Tells the limits the real usage; runs at most once. */
  settle: (usage: TokenUsage, billedPicos?: number) => void;
}

/**
 * Asks the limits whether this request may go on.
 * @throws ApiError with the limits' status (429 or 503) and headers when refused.
 */
export async function checkLimits(gate: LimitGate, request: LimitRequest): Promise<Admitted> {
  const decision = await gate.check(request);
  if (!decision.admit) {
    throw new ApiError(decision.code, decision.message, {
      status: decision.status,
      headers: { ...decision.headers },
    });
  }
  let settled = false;
  return {
    headers: decision.headers ?? {},
    settle: (usage, billedPicos) => {
      if (settled) return;
      settled = true;
      decision.settle?.(usage, billedPicos);
    },
  };
}
