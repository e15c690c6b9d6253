/**
 * Largest embeddings answer read (bytes): 2048 inputs of 3072 dimensions written as JSON
 * floats come to about 120 MiB, far past a chat answer's bound.
 */
export const MAX_EMBEDDINGS_ANSWER_BYTES = 256 * 1024 * 1024;

/**
 * One embedding as OpenAI's Embeddings API returns it (`data[].embedding`): the floats
 * themselves, or with `encoding_format: "base64"` the vector as little-endian float32
 * bytes in base64 (what the `openai` SDKs ask for by default and decode back).
 */
export function encodeEmbedding(
  values: readonly number[],
  format: "float" | "base64" | null | undefined,
): number[] | string {
  if (format !== "base64") return values as number[];
  const floats = Float32Array.from(values);
  // Node runs on little-endian machines only, so the array's own bytes are the wire order.
  return Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength).toString("base64");
}

/** The `error` body a classifier reads for an answer that holds no usable embeddings. */
export function brokenEmbeddingsAnswer(why: string): { body: unknown } {
  return { body: { error: { message: `The provider's embeddings answer is unusable: ${why}.` } } };
}
