import { z } from "zod";
import { ApiError } from "@/lib/errors";
import { parseJsonObject } from "@/lib/gateway/chat-request";
import { describeIssue } from "@/lib/http/describe-issue";

/**
 * OpenAI's Embeddings request (API reference, "Create embeddings"), validated as far as
 * the gateway relies on it: `input` is a string, an array of strings, an array of tokens
 * or an array of token arrays; no string may be empty and no array longer than 2048
 * items. Unknown fields pass through to OpenAI-compatible upstreams untouched, as for chat.
 */
export const MAX_EMBEDDING_INPUTS = 2048;

const Text = z.string().min(1, "must not be an empty string");
const Token = z.number("expected a token (a whole number, 0 or more)").int().nonnegative();
// One input's length is the model's to bound (8192 tokens at OpenAI); the body limit bounds it here.
const TokenArray = z.array(Token).min(1, "must not be empty");

const AT_MOST = `takes at most ${MAX_EMBEDDING_INPUTS} inputs`;
const INPUT_SHAPES =
  "expected a non-empty string, an array of non-empty strings, an array of tokens (integers) or an array of token arrays, with at most 2048 items";

export const EmbeddingsRequestSchema = z.looseObject({
  model: z.string().min(1, "model is required"),
  input: z.union(
    [
      Text,
      z.array(Text).min(1, "must not be empty").max(MAX_EMBEDDING_INPUTS, AT_MOST),
      TokenArray,
      z.array(TokenArray).min(1, "must not be empty").max(MAX_EMBEDDING_INPUTS, AT_MOST),
    ],
    { error: (issue) => (issue.input === undefined ? "is required" : INPUT_SHAPES) },
  ),
  // The output vector's length; only some models take it (text-embedding-3-*, Gemini's).
  dimensions: z
    .number("expected a whole number")
    .int("expected a whole number")
    .min(1, "must be at least 1")
    .max(65_536, "must be at most 65536")
    .nullish(),
  encoding_format: z.enum(["float", "base64"], 'expected "float" or "base64"').nullish(),
  user: z.string().nullish(),
});

export type EmbeddingsRequest = z.infer<typeof EmbeddingsRequestSchema>;

/** One input as the caller sent it: a text, or a token array (OpenAI's tokenizer). */
export type EmbeddingInput = string | number[];

/**
 * Parses raw body bytes into an embeddings request.
 * @throws ApiError 400 (OpenAI's shape) for an empty, non-JSON or too deeply nested body,
 *   or a field of the wrong shape, naming the field (`input`, `dimensions`, ...).
 */
export function parseEmbeddingsRequest(body: Uint8Array | null): EmbeddingsRequest {
  const result = EmbeddingsRequestSchema.safeParse(parseJsonObject(body));
  if (!result.success) {
    const { param, message } = describeIssue(result.error.issues[0]!);
    throw new ApiError("invalid_request_error", message, { param });
  }
  return result.data;
}

/** The inputs, one per vector the answer holds, in order. */
export function embeddingInputs(request: Pick<EmbeddingsRequest, "input">): EmbeddingInput[] {
  const { input } = request;
  if (typeof input === "string") return [input];
  if (input.length > 0 && typeof input[0] === "number") return [input as number[]];
  return input as EmbeddingInput[];
}

/** Whether any input is a token array, which only OpenAI's own models can read. */
export function hasTokenArrays(request: Pick<EmbeddingsRequest, "input">): boolean {
  return typeof request.input !== "string" && request.input.some((i) => typeof i !== "string");
}
