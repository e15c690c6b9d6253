import type { TokenUsage } from "@/lib/gateway/providers/types";

/**
 * The one reading of a request's token usage that pricing, metering, limits and invoices
 * use. A provider's figures are trusted only when they are possible for this request:
 * whole, non-negative and at most its ceiling (see `usageCeiling`). Anything else is
 * replaced by what the gateway counted itself, and the row says so (`tokensEstimated`).
 */

/** A token class whose reported figure could not be true. */
export type UsageField = "promptTokens" | "completionTokens" | "cachedTokens" | "cacheWriteTokens";

/**
 * The largest figure any request may report, whatever the client asked for (tokens): above
 * every context window sold today (2M) plus its output, and small enough that tokens x
 * any price per 1M stays an exact integer of pico-dollars (below 2^53).
 */
export const ABSOLUTE_USAGE_CEILING = 4_194_304;

/** Context assumed for a deployment whose window the catalogue does not know (tokens). */
export const UNKNOWN_CONTEXT_WINDOW = 2_097_152;

/**
 * The most tokens one request can use on a deployment: its context window plus the output
 * asked for (`max_tokens`, else the gateway's default), capped at `ABSOLUTE_USAGE_CEILING`.
 * Each token class of a reported usage must be at most this.
 */
export function usageCeiling(
  contextWindow: number | null | undefined,
  maxOutputTokens: number | null | undefined,
  defaultMaxTokens: number,
): number {
  const context =
    typeof contextWindow === "number" && contextWindow > 0 ? contextWindow : UNKNOWN_CONTEXT_WINDOW;
  const output =
    typeof maxOutputTokens === "number" && maxOutputTokens > 0 ? maxOutputTokens : defaultMaxTokens;
  return Math.min(ABSOLUTE_USAGE_CEILING, Math.floor(context + output));
}

const possible = (n: unknown, ceiling: number): n is number =>
  typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= ceiling;

/** The fields of a reported usage that cannot be true (negative, fractional, NaN, above `ceiling`). */
export function impossibleFields(reported: TokenUsage, ceiling: number): UsageField[] {
  const flawed: UsageField[] = [];
  if (!possible(reported.promptTokens, ceiling)) flawed.push("promptTokens");
  if (!possible(reported.completionTokens, ceiling)) flawed.push("completionTokens");
  if (!possible(reported.cachedTokens, ceiling)) flawed.push("cachedTokens");
  if (reported.cacheWriteTokens !== undefined && !possible(reported.cacheWriteTokens, ceiling))
    flawed.push("cacheWriteTokens");
  return flawed;
}

export interface UsageInput {
  /** What the provider last reported, as its adapter read it; null when it reported nothing. */
  reported: TokenUsage | null | undefined;
  /**
   * What the gateway counted from the prompt and from the text and tool calls it received
   * (prompt and completion only); null when it did not count (not needed, or counting failed).
   */
  counted: TokenUsage | null;
  /** False when the answer ended before the provider's final usage (cut or failed stream). */
  complete: boolean;
  /** From `usageCeiling`. */
  ceiling: number;
}

export interface NormalizedUsage {
  /** Non-negative integers, each at most the ceiling; cached + cache writes <= prompt. */
  usage: TokenUsage;
  /** Some figure is the gateway's own count, not the provider's. */
  estimated: boolean;
  /** Reported fields that were impossible (empty when none). */
  impossible: UsageField[];
}

/** Whether `normalizeUsage` will want a count for this answer (counting is not free). */
export function needsCount(
  reported: TokenUsage | null | undefined,
  complete: boolean,
  ceiling: number,
): boolean {
  return !reported || !complete || impossibleFields(reported, ceiling).length > 0;
}

/**
 * Normalises one request's usage. Rules, per field:
 * - prompt: the reported figure when possible (a provider counts the whole prompt before
 *   it writes a token, so its figure is final even in a cut stream), else the counted one;
 * - completion: on a complete answer the reported figure when possible; on a cut or failed
 *   stream the larger of the reported figure and the count of what was received (a provider
 *   may have reported the prompt alone so far); the counted one when the report is impossible;
 * - cached and cache-write tokens: the reported figures when possible, else 0, and never
 *   more than the prompt they are part of.
 * Never throws; an impossible figure with nothing counted becomes 0.
 */
export function normalizeUsage(input: UsageInput): NormalizedUsage {
  const { reported, counted, complete, ceiling } = input;
  const impossible = reported ? impossibleFields(reported, ceiling) : [];
  const bad = (f: UsageField) => impossible.includes(f);
  const countedPrompt = bounded(counted?.promptTokens, ceiling);
  const countedCompletion = bounded(counted?.completionTokens, ceiling);
  let estimated = false;

  let prompt: number;
  // `+ 0` turns a reported -0 (possible, but not the same number to Object.is) into 0.
  if (reported && !bad("promptTokens")) prompt = reported.promptTokens + 0;
  else {
    prompt = countedPrompt;
    estimated = true;
  }

  let completion: number;
  if (reported && !bad("completionTokens")) {
    completion = reported.completionTokens + 0;
    if (!complete && countedCompletion > completion) {
      completion = countedCompletion;
      estimated = true;
    }
  } else {
    completion = countedCompletion;
    estimated = true;
  }

  const cached = reported && !bad("cachedTokens") ? Math.min(reported.cachedTokens + 0, prompt) : 0;
  const written =
    reported?.cacheWriteTokens !== undefined && !bad("cacheWriteTokens")
      ? Math.min(reported.cacheWriteTokens + 0, prompt - cached)
      : 0;
  const usage: TokenUsage = {
    promptTokens: prompt,
    completionTokens: completion,
    cachedTokens: cached,
  };
  if (written > 0) usage.cacheWriteTokens = written;
  return { usage, estimated: estimated || impossible.length > 0, impossible };
}

/** A counted figure as a whole number in [0, ceiling] (0 when there is none). */
function bounded(n: number | undefined, ceiling: number): number {
  if (typeof n !== "number" || !Number.isFinite(n) || n <= 0) return 0;
  return Math.min(Math.floor(n), ceiling);
}
