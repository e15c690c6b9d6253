import { z } from "zod";

/**
 * OpenAI's Responses API request (https://platform.openai.com/docs/api-reference/responses/create),
 * stateless: validated as far as the translation to Chat Completions relies on it.
 */
const Item = z.looseObject({ type: z.string().nullish(), role: z.string().nullish() });

const Tool = z.looseObject({
  type: z.string(),
  name: z.string().nullish(),
  description: z.string().nullish(),
  parameters: z.looseObject({}).nullish(),
  strict: z.boolean().nullish(),
});

export const ResponsesRequestSchema = z.looseObject({
  model: z.string().min(1, "model is required"),
  input: z.union([z.string(), z.array(Item).min(1, "input must hold at least one item")]),
  instructions: z.string().nullish(),
  tools: z.array(Tool).nullish(),
  tool_choice: z
    .union([
      z.enum(["auto", "none", "required"]),
      z.looseObject({ type: z.string(), name: z.string().nullish() }),
    ])
    .nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  text: z
    .looseObject({
      format: z
        .looseObject({
          type: z.enum(["text", "json_schema", "json_object"]),
          name: z.string().nullish(),
          schema: z.looseObject({}).nullish(),
          strict: z.boolean().nullish(),
          description: z.string().nullish(),
        })
        .nullish(),
    })
    .nullish(),
  max_output_tokens: z.number().int().positive().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  stream: z.boolean().nullish(),
  store: z.boolean().nullish(),
  previous_response_id: z.string().nullish(),
  user: z.string().nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
});

export type ResponsesRequest = z.infer<typeof ResponsesRequestSchema>;
export type ResponsesItem = z.infer<typeof Item>;
