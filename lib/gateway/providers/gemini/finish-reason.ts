import type { OpenAIFinishReason } from "../openai-finish-reason";

export type { OpenAIFinishReason };

/** Gemini's documented `Candidate.FinishReason` values. */
const GEMINI_FINISH_REASONS = [
  "FINISH_REASON_UNSPECIFIED",
  "STOP",
  "MAX_TOKENS",
  "SAFETY",
  "RECITATION",
  "LANGUAGE",
  "OTHER",
  "BLOCKLIST",
  "PROHIBITED_CONTENT",
  "SPII",
  "MALFORMED_FUNCTION_CALL",
  "IMAGE_SAFETY",
  "IMAGE_PROHIBITED_CONTENT",
  "IMAGE_RECITATION",
  "IMAGE_OTHER",
  "NO_IMAGE",
  "UNEXPECTED_TOOL_CALL",
  "TOO_MANY_TOOL_CALLS",
  "MISSING_THOUGHT_SIGNATURE",
  "MALFORMED_RESPONSE",
] as const;

type GeminiFinishReason = (typeof GEMINI_FINISH_REASONS)[number];

function isKnown(reason: string): reason is GeminiFinishReason {
  return (GEMINI_FINISH_REASONS as readonly string[]).includes(reason);
}

/**
 * Finish reasons that mean the model failed to produce a usable answer (Gemini API
 * reference, `FinishReason`): a malformed or unexpected function call, too many calls,
 * a replayed call without its thought signature, a malformed response. They are
 * failures, classified and failed over like an error status, never "stop".
 */
export const GEMINI_FAILURE_FINISH_REASONS: ReadonlySet<string> = new Set([
  "MALFORMED_FUNCTION_CALL",
  "UNEXPECTED_TOOL_CALL",
  "TOO_MANY_TOOL_CALLS",
  "MISSING_THOUGHT_SIGNATURE",
  "MALFORMED_RESPONSE",
]);

/** The classifier's body for a candidate that ended with a failure reason. */
export function geminiFinishFailure(reason: string): { error: { code: string; message: string } } {
  return {
    error: { code: reason, message: `Gemini ended the candidate with finishReason ${reason}.` },
  };
}

/**
 * Maps a candidate's finishReason. A candidate that stopped normally after calling
 * functions finishes with "tool_calls", which is what OpenAI clients loop on. Reasons
 * OpenAI has no word for (a malformed call, "OTHER") become "stop": the client gets
 * whatever content there is, and an unknown future reason never breaks the response.
 * The failure reasons above are checked first by the translators and never get here
 * on a real answer.
 */
export function mapGeminiFinishReason(reason: string, hasToolCalls: boolean): OpenAIFinishReason {
  if (!isKnown(reason)) return hasToolCalls ? "tool_calls" : "stop";
  switch (reason) {
    case "STOP":
    case "FINISH_REASON_UNSPECIFIED":
    case "LANGUAGE":
    case "OTHER":
    case "MALFORMED_FUNCTION_CALL":
    case "UNEXPECTED_TOOL_CALL":
    case "TOO_MANY_TOOL_CALLS":
    case "MISSING_THOUGHT_SIGNATURE":
    case "MALFORMED_RESPONSE":
    case "IMAGE_OTHER":
    case "NO_IMAGE":
      return hasToolCalls ? "tool_calls" : "stop";
    case "MAX_TOKENS":
      return "length";
    case "SAFETY":
    case "RECITATION":
    case "BLOCKLIST":
    case "PROHIBITED_CONTENT":
    case "SPII":
    case "IMAGE_SAFETY":
    case "IMAGE_PROHIBITED_CONTENT":
    case "IMAGE_RECITATION":
      return "content_filter";
    default: {
      const unreachable: never = reason;
      return unreachable;
    }
  }
}
