/** The finish reasons an OpenAI client understands. */
export type OpenAIFinishReason = "stop" | "length" | "tool_calls" | "content_filter";

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
 * Maps a candidate's finishReason. A candidate that stopped normally after calling
 * functions finishes with "tool_calls", which is what OpenAI clients loop on. Reasons
 * OpenAI has no word for (a malformed call, "OTHER") become "stop": the client gets
 * whatever content there is, and an unknown future reason never breaks the response.
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
