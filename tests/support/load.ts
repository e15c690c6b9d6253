/**
 * A bounded concurrent request loop for the resilience suites: at most `total`
 * requests, `concurrency` at a time, each outcome (or error) kept and reported to
 * `onResult` the moment it arrives, so a test can react mid-run (set a fault after
 * the n-th request, note when the first failover came back).
 */
import type OpenAI from "openai";

export interface ChatOutcome {
  /** x-gateway-provider: the provider that served. */
  provider: string | null;
  /** x-gateway-attempts: upstream attempts the gateway made. */
  attempts: number;
  requestId: string | null;
  startedAt: number;
  /** Date.now() when the client had the whole answer. */
  finishedAt: number;
}

/** One non-streaming chat completion through the official client, with the gateway's headers. */
export async function sendChat(
  client: OpenAI,
  model: string,
  content = "ping",
): Promise<ChatOutcome> {
  const startedAt = Date.now();
  const { data, response } = await client.chat.completions
    .create({ model, messages: [{ role: "user", content }] })
    .withResponse();
  if (!data.choices[0]?.message)
    throw new Error(`no choice in the answer to ${response.headers.get("x-request-id")}`);
  return {
    provider: response.headers.get("x-gateway-provider"),
    attempts: Number(response.headers.get("x-gateway-attempts")),
    requestId: response.headers.get("x-request-id"),
    startedAt,
    finishedAt: Date.now(),
  };
}

export interface LoadOptions<T> {
  total: number;
  concurrency: number;
  request: (index: number) => Promise<T>;
  /** Called as each request starts (index = how many started before it). */
  onStart?: (index: number) => void;
  onResult?: (result: T, index: number) => void;
  /** Checked before each new request: true ends the run early (requests under way finish). */
  stop?: () => boolean;
}

export interface LoadResult<T> {
  results: T[];
  errors: { index: number; error: unknown }[];
  /** Requests started (less than `total` when `stop` ended the run). */
  started: number;
  elapsedMs: number;
}

export async function runLoad<T>(opts: LoadOptions<T>): Promise<LoadResult<T>> {
  const results: T[] = [];
  const errors: { index: number; error: unknown }[] = [];
  const begun = Date.now();
  let next = 0;
  const worker = async () => {
    while (next < opts.total && !opts.stop?.()) {
      const index = next++;
      opts.onStart?.(index);
      try {
        const result = await opts.request(index);
        results.push(result);
        opts.onResult?.(result, index);
      } catch (error) {
        errors.push({ index, error });
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(opts.concurrency, opts.total)) }, worker),
  );
  return { results, errors, started: next, elapsedMs: Date.now() - begun };
}

/** A short, readable digest of load errors for an assertion message. */
export function describeErrors(errors: { index: number; error: unknown }[], max = 3): string {
  return errors
    .slice(0, max)
    .map(
      ({ index, error }) => `#${index}: ${error instanceof Error ? error.message : String(error)}`,
    )
    .join("; ");
}

/**
 * Requests one at a time until `done()` holds (checked before each): every call the
 * upstream sees was sent after the gateway had digested the previous answer, which
 * makes call counts exact. Bounded by count and time; any failed request throws.
 */
export async function sendUntil(
  client: OpenAI,
  model: string,
  done: () => boolean,
  {
    what = "condition",
    max = 5_000,
    timeoutMs = 15_000,
  }: { what?: string; max?: number; timeoutMs?: number } = {},
): Promise<ChatOutcome[]> {
  const outcomes: ChatOutcome[] = [];
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (outcomes.length >= max || Date.now() > deadline)
      throw new Error(`gave up waiting for ${what} after ${outcomes.length} requests`);
    outcomes.push(await sendChat(client, model));
  }
  return outcomes;
}
