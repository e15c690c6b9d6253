import { z } from "zod";

/**
 * Anthropic's Messages API request (https://docs.anthropic.com/en/api/messages), validated
 * as far as the translation relies on it. Loose objects: fields the gateway does not read
 * (cache_control, citations, container, service_tier...) stay in the body, which goes to
 * Anthropic as it is and is translated field by field for everyone else.
 */
const Block = z.looseObject({ type: z.string() });

const Message = z.looseObject({
  role: z.enum(["user", "assistant"]),
  content: z.union([z.string(), z.array(Block)]),
});

const Tool = z.looseObject({
  name: z.string().min(1, "every tool needs a name"),
  type: z.string().nullish(),
  description: z.string().nullish(),
  input_schema: z.looseObject({}).nullish(),
});

export const MessagesRequestSchema = z.looseObject({
  model: z.string().min(1, "model is required"),
  max_tokens: z.number().int().positive(),
  messages: z.array(Message).min(1, "messages must contain at least one message"),
  system: z.union([z.string(), z.array(Block)]).nullish(),
  stream: z.boolean().nullish(),
  stop_sequences: z.array(z.string()).nullish(),
  temperature: z.number().min(0).max(1).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  top_k: z.number().int().nonnegative().nullish(),
  tools: z.array(Tool).nullish(),
  tool_choice: z
    .looseObject({
      type: z.enum(["auto", "any", "tool", "none"]),
      name: z.string().nullish(),
      disable_parallel_tool_use: z.boolean().nullish(),
    })
    .nullish(),
  metadata: z.looseObject({ user_id: z.string().nullish() }).nullish(),
  thinking: z.looseObject({ type: z.string() }).nullish(),
});

export type MessagesRequest = z.infer<typeof MessagesRequestSchema>;
export type MessagesBlock = z.infer<typeof Block>;
