import type { OpenAIChatResponse } from "./schemas";
import { FAILURE_FINISH_REASONS } from "./finish-reason";

/**
 * The failure a 2xx completion or chunk carries, as a body the classifier reads
 * (`{error: ...}`), or undefined when it carries none. Markers, in order: a top-level
 * `error` (OpenRouter mid-stream), a per-choice `error`, a failure finish reason.
 * An answer is a success only when none is present.
 */
export function failureMarker(body: OpenAIChatResponse): { error: unknown } | undefined {
  if (body.error !== undefined && body.error !== null) return { error: body.error };
  for (const choice of body.choices ?? []) {
    if (choice.error !== undefined && choice.error !== null) return { error: choice.error };
  }
  for (const choice of body.choices ?? []) {
    const reason = choice.finish_reason;
    if (reason && FAILURE_FINISH_REASONS.has(reason)) {
      return {
        error: {
          code: reason,
          message: `The provider ended the answer with finish_reason '${reason}'.`,
        },
      };
    }
  }
  return undefined;
}
