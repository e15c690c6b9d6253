import { z } from "zod";

/**
 * OpenAI-style chat completions and stream chunks, as far as the gateway reads them.
 * Seven providers speak this format with small differences, so everything is optional
 * and loose: a field one of them adds never turns a good answer into a parse failure.
 * One schema serves both shapes (`message` on a completion, `delta` on a chunk).
 */

export const OpenAIUsageSchema = z.looseObject({
  prompt_tokens: z.number().nullish(),
  completion_tokens: z.number().nullish(),
  prompt_tokens_details: z.looseObject({ cached_tokens: z.number().nullish() }).nullish(),
  /** DeepSeek's name for prompt tokens served from its context cache. */
  prompt_cache_hit_tokens: z.number().nullish(),
});

const ToolCall = z.looseObject({
  index: z.number().nullish(),
  id: z.string().nullish(),
  type: z.string().nullish(),
  function: z
    .looseObject({ name: z.string().nullish(), arguments: z.string().nullish() })
    .nullish(),
});

const Message = z.looseObject({
  role: z.string().nullish(),
  content: z.string().nullish(),
  tool_calls: z.array(ToolCall).nullish(),
});

const Choice = z.looseObject({
  index: z.number().nullish(),
  message: Message.nullish(),
  delta: Message.nullish(),
  finish_reason: z.string().nullish(),
  /** OpenRouter: a failure that belongs to one choice. */
  error: z.unknown().nullish(),
});

export const OpenAIChatResponse = z.looseObject({
  id: z.string().nullish(),
  model: z.string().nullish(),
  choices: z.array(Choice).nullish(),
  usage: OpenAIUsageSchema.nullish(),
  /** Groq's older streams report usage here on the last chunk. */
  x_groq: z.looseObject({ usage: OpenAIUsageSchema.nullish() }).nullish(),
  /** OpenRouter: a failure after the stream began, in an otherwise normal chunk. */
  error: z.unknown().nullish(),
});

export type OpenAIUsageBody = z.infer<typeof OpenAIUsageSchema>;
export type OpenAIChatResponse = z.infer<typeof OpenAIChatResponse>;
export type OpenAIChoice = z.infer<typeof Choice>;
