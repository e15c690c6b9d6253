import { countPromptTokens } from "./usage";
import { isRecord, type RouteInfo } from "./wire";

/**
 * Embeddings in two wire formats: OpenAI's `POST {base}/embeddings` (every
 * OpenAI-compatible slug) and Gemini's `models/{model}:batchEmbedContents`. Vectors are
 * deterministic: seeded by the input's text (or its token ids) alone, so every provider
 * of a model answers the same input with the same vector, which is what lets a test see
 * that a failover kept the vector space. Each vector has unit length and the requested
 * number of dimensions (else the model's default). Usage (OpenAI only; Gemini reports
 * none): per input, the prompt-token rule of usage.ts for a text, the count of ids for a
 * token array.
 */

/** One answer: the status, and the body as JSON text. */
export interface EmbeddingsReply {
  status: number;
  body: string;
}

const DEFAULT_DIMENSIONS: Record<string, number> = {
  "text-embedding-3-small": 1536,
  "text-embedding-3-large": 3072,
  "text-embedding-ada-002": 1536,
  "gemini-embedding-001": 3072,
  "text-embedding-004": 768,
};

/** The default length of a model's vectors, by its id without a vendor path. */
export function defaultDimensions(model: string): number {
  return DEFAULT_DIMENSIONS[model.slice(model.lastIndexOf("/") + 1)] ?? 1536;
}

/** FNV-1a over the text's UTF-16 code units: the seed of its vector. */
function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A unit-length vector of `dimensions` values, the same for the same input every time. */
export function simulatedVector(input: string | readonly number[], dimensions: number): number[] {
  let state = seedOf(typeof input === "string" ? input : `tokens:${input.join(",")}`);
  // mulberry32: small, fast and good enough to make vectors of different texts differ.
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const values = new Array<number>(dimensions);
  let norm = 0;
  for (let i = 0; i < dimensions; i++) {
    const v = next() * 2 - 1;
    values[i] = v;
    norm += v * v;
  }
  const scale = 1 / Math.sqrt(norm);
  for (let i = 0; i < dimensions; i++) values[i] = values[i]! * scale;
  return values;
}

/** Little-endian float32 bytes in base64, as OpenAI's `encoding_format: "base64"`. */
function base64Of(values: number[]): string {
  const floats = Float32Array.from(values);
  return Buffer.from(floats.buffer).toString("base64");
}

function tokensOf(input: string | number[]): number {
  return typeof input === "string" ? countPromptTokens(input) : input.length;
}

function openaiBadRequest(message: string, param: string | null): EmbeddingsReply {
  return {
    status: 400,
    body: JSON.stringify({ error: { message, type: "invalid_request_error", param, code: null } }),
  };
}

const isTokenArray = (x: unknown): x is number[] =>
  Array.isArray(x) && x.length > 0 && x.every((t) => Number.isInteger(t) && t >= 0);

/** The inputs of an OpenAI embeddings body, or null when `input` is not one of its four shapes. */
function openaiInputs(input: unknown): (string | number[])[] | null {
  if (typeof input === "string") return input ? [input] : null;
  if (!Array.isArray(input) || input.length === 0 || input.length > 2048) return null;
  if (isTokenArray(input)) return [input];
  if (input.every((i) => typeof i === "string" && i.length > 0)) return input as string[];
  if (input.every(isTokenArray)) return input as number[][];
  return null;
}

/** OpenAI's `POST /v1/embeddings`, as every OpenAI-compatible provider answers it. */
export function openaiEmbeddings(body: unknown): EmbeddingsReply {
  if (!isRecord(body) || typeof body.model !== "string" || !body.model)
    return openaiBadRequest("you must provide a model parameter", null);
  const inputs = openaiInputs(body.input);
  if (!inputs)
    return openaiBadRequest(
      "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.",
      null,
    );
  const dims = body.dimensions;
  if (dims !== undefined && dims !== null && (!Number.isInteger(dims) || (dims as number) < 1))
    return openaiBadRequest(
      "Invalid value for 'dimensions': expected an integer >= 1.",
      "dimensions",
    );
  const format = body.encoding_format ?? "float";
  if (format !== "float" && format !== "base64")
    return openaiBadRequest(
      `Invalid value for 'encoding_format': expected 'float' or 'base64'.`,
      "encoding_format",
    );
  const dimensions = (dims as number | null | undefined) ?? defaultDimensions(body.model);
  let tokens = 0;
  const data = inputs.map((input, index) => {
    tokens += tokensOf(input);
    const values = simulatedVector(input, dimensions);
    return {
      object: "embedding",
      index,
      embedding: format === "base64" ? base64Of(values) : values,
    };
  });
  return {
    status: 200,
    body: JSON.stringify({
      object: "list",
      data,
      model: body.model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    }),
  };
}

function geminiBadRequest(message: string): EmbeddingsReply {
  return {
    status: 400,
    body: JSON.stringify({ error: { code: 400, message, status: "INVALID_ARGUMENT" } }),
  };
}

/** Gemini's `models/{model}:batchEmbedContents`: `{requests: [...]}` in, `{embeddings: [{values}]}` out. */
export function geminiEmbeddings(body: unknown, route: RouteInfo): EmbeddingsReply {
  const requests = isRecord(body) ? body.requests : undefined;
  if (!Array.isArray(requests) || requests.length === 0)
    return geminiBadRequest("* BatchEmbedContentsRequest.requests: requests is not specified\n");
  if (requests.length > 100)
    return geminiBadRequest(
      "* BatchEmbedContentsRequest.requests: at most 100 requests can be in one batch\n",
    );
  const model = route.pathModel ?? "";
  const embeddings: { values: number[] }[] = [];
  for (let i = 0; i < requests.length; i++) {
    const r = requests[i];
    if (!isRecord(r) || r.model !== `models/${model}`)
      return geminiBadRequest(
        `* BatchEmbedContentsRequest.requests[${i}].model: the model of every request must be the one in the URL (models/${model})\n`,
      );
    const parts = isRecord(r.content) && Array.isArray(r.content.parts) ? r.content.parts : [];
    const text = parts
      .map((p) => (isRecord(p) && typeof p.text === "string" ? p.text : ""))
      .join("");
    if (!text)
      return geminiBadRequest(
        `* BatchEmbedContentsRequest.requests[${i}].content: contents must not be empty\n`,
      );
    const dims = r.outputDimensionality ?? r.output_dimensionality;
    const dimensions = Number.isInteger(dims) && (dims as number) > 0 ? (dims as number) : null;
    embeddings.push({ values: simulatedVector(text, dimensions ?? defaultDimensions(model)) });
  }
  return { status: 200, body: JSON.stringify({ embeddings }) };
}
