import { z } from "zod";
import { ApiError } from "@/lib/errors";
import { describeIssue } from "@/lib/http/describe-issue";
import { jsonNestingDepth } from "@/lib/http/json-nesting-depth";

/**
 * Deepest nesting of objects and arrays a request body may have. Real requests stay far
 * below it (a tool's JSON schema a dozen levels deep is unusual); past a few thousand
 * levels, serialising the body for the upstream would overflow the stack.
 */
export const MAX_JSON_NESTING_DEPTH = 128;

/**
 * The OpenAI Chat Completions request, validated as far as the gateway relies on it.
 * Unknown fields pass through untouched to OpenAI-compatible upstreams, so a new
 * OpenAI parameter never needs a gateway release.
 */
const ContentPart = z.looseObject({ type: z.string() });

const Message = z.looseObject({
  role: z.enum(["system", "developer", "user", "assistant", "tool", "function"]),
  content: z.union([z.string(), z.array(ContentPart), z.null()]).optional(),
  name: z.string().optional(),
  tool_calls: z.array(z.looseObject({})).optional(),
  tool_call_id: z.string().optional(),
});

export const ChatCompletionRequestSchema = z.looseObject({
  model: z.string().min(1, "model is required"),
  messages: z.array(Message).min(1, "messages must contain at least one message"),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  // Which deployments can return several choices is decided when routing (see router/capabilities.ts).
  n: z.number().int().min(1).max(128).nullish(),
  tools: z.array(z.looseObject({ type: z.string() })).nullish(),
  response_format: z.looseObject({ type: z.string() }).nullish(),
});

export type ChatCompletionRequest = z.infer<typeof ChatCompletionRequestSchema>;
export type ChatMessage = z.infer<typeof Message>;

/**
 * Parses raw body bytes into a request, or throws an OpenAI-shaped 400 (empty body,
 * invalid JSON, nesting deeper than {@link MAX_JSON_NESTING_DEPTH}, or a field of the
 * wrong shape).
 */
export function parseChatCompletionRequest(body: Uint8Array | null): ChatCompletionRequest {
  const json = parseJsonObject(body);
  const result = ChatCompletionRequestSchema.safeParse(json);
  if (!result.success) {
    const { param, message } = describeIssue(result.error.issues[0]!);
    throw new ApiError("invalid_request_error", message, { param });
  }
  return result.data;
}

/**
 * Raw body bytes -> a JSON object, for every inbound API.
 * @throws ApiError 400 for an empty body, invalid JSON, nesting deeper than
 *   {@link MAX_JSON_NESTING_DEPTH}, or JSON that is not an object.
 */
export function parseJsonObject(body: Uint8Array | null): Record<string, unknown> {
  if (!body || body.length === 0)
    throw new ApiError("invalid_request_error", "Request body is empty; expected a JSON object.");
  if (jsonNestingDepth(body, MAX_JSON_NESTING_DEPTH) > MAX_JSON_NESTING_DEPTH) {
    throw new ApiError(
      "invalid_request_error",
      `The request body nests objects and arrays more than ${MAX_JSON_NESTING_DEPTH} levels deep.`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8"));
  } catch {
    throw new ApiError(
      "invalid_json",
      "We could not parse the JSON body of your request. Send valid JSON.",
    );
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new ApiError("invalid_request_error", "Request body must be a JSON object.");
  }
  return json as Record<string, unknown>;
}

/** Text of every message, for token estimates when an upstream reports no usage. */
export function messagesText(messages: readonly ChatMessage[]): string {
  let text = "";
  for (const m of messages) {
    if (typeof m.content === "string") text += m.content + "\n";
    else if (Array.isArray(m.content)) {
      for (const part of m.content) if (typeof part.text === "string") text += part.text + "\n";
    }
  }
  return text;
}
