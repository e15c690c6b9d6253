import { z } from "zod";

/**
 * Anthropic Messages responses and stream events, as far as the gateway reads them.
 * Everything is optional and loose: a new block type, delta type or usage field from
 * Anthropic is ignored rather than turning a good answer into a parse failure.
 */

export const AnthropicUsage = z.looseObject({
  input_tokens: z.number().nullish(),
  output_tokens: z.number().nullish(),
  cache_creation_input_tokens: z.number().nullish(),
  cache_read_input_tokens: z.number().nullish(),
});

const ContentBlock = z.looseObject({
  type: z.string(),
  text: z.string().nullish(),
  id: z.string().nullish(),
  name: z.string().nullish(),
  input: z.unknown().nullish(),
});

export const AnthropicMessage = z.looseObject({
  id: z.string().nullish(),
  model: z.string().nullish(),
  content: z.array(ContentBlock).nullish(),
  stop_reason: z.string().nullish(),
  usage: AnthropicUsage.nullish(),
});

/** Every streamed event in one loose shape; `type` says which fields are set. */
export const AnthropicStreamEvent = z.looseObject({
  type: z.string(),
  message: AnthropicMessage.nullish(),
  index: z.number().nullish(),
  content_block: ContentBlock.nullish(),
  delta: z
    .looseObject({
      type: z.string().nullish(),
      text: z.string().nullish(),
      partial_json: z.string().nullish(),
      stop_reason: z.string().nullish(),
    })
    .nullish(),
  usage: AnthropicUsage.nullish(),
});

export type AnthropicUsage = z.infer<typeof AnthropicUsage>;
export type AnthropicMessage = z.infer<typeof AnthropicMessage>;
export type AnthropicStreamEvent = z.infer<typeof AnthropicStreamEvent>;
