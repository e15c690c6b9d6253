import { isOpenAIFinishReason } from "../openai-finish-reason";

type Loose = Record<string, unknown> | null | undefined;

/**
 * The hot-path check, without a schema parse: true when a completion (`message`) or a
 * chunk (`delta`) carries no failure marker, only OpenAI finish reasons and no tool call
 * with empty arguments, so it may go out exactly as the upstream wrote it. Anything
 * else takes the schema path (schemas.ts), which reads it field by field.
 */
export function isPlainAnswer(body: Loose, part: "message" | "delta"): boolean {
  if (!body || typeof body !== "object" || (body.error !== undefined && body.error !== null))
    return false;
  const choices = body.choices;
  if (choices === undefined || choices === null) return true;
  if (!Array.isArray(choices)) return false;
  for (const raw of choices) {
    const choice = raw as Loose;
    if (!choice || typeof choice !== "object") return false;
    if (choice.error !== undefined && choice.error !== null) return false;
    const reason = choice.finish_reason;
    if (reason !== undefined && reason !== null && !isOpenAIFinishReason(reason)) return false;
    const calls = (choice[part] as Loose)?.tool_calls;
    if (calls !== undefined && calls !== null) {
      // Tool calls are checked by the schema path: a streamed call's arguments are tracked there.
      if (part === "delta" || !Array.isArray(calls)) return false;
      for (const call of calls as Loose[]) if (!(call?.function as Loose)?.arguments) return false;
    }
  }
  return true;
}
