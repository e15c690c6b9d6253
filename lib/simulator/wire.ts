import type { IncomingHttpHeaders } from "node:http";
import type { ProviderErrorResponse } from "./provider-errors";
import type { SimOutcome, SimTurn } from "./reply";

/** What the router learnt from the path before the body was read. */
export interface RouteInfo {
  provider: string;
  headers: IncomingHttpHeaders;
  /** Gemini carries the model and the streaming choice in the path. */
  pathModel?: string;
  pathStream?: boolean;
  /** Gemini `?alt=sse`; without it a Gemini stream is one JSON array sent piecewise. */
  sse?: boolean;
}

/** A parsed request: the provider-neutral turn plus how the answer must be framed. */
export interface Exchange {
  route: RouteInfo;
  turn: SimTurn;
  stream: boolean;
  includeUsage: boolean;
  /** Choices asked for (Gemini's `candidateCount`): each gets the same answer, its own index. */
  candidateCount?: number;
}

/** One provider's wire format: request parsing, response rendering, error shapes. */
export interface WireFormat {
  streamContentType: string;
  credential(headers: IncomingHttpHeaders, query: string): string | undefined;
  missingCredential(provider: string): ProviderErrorResponse;
  invalidJson(provider: string): ProviderErrorResponse;
  toExchange(body: unknown, route: RouteInfo): Exchange | ProviderErrorResponse;
  responseHeaders(): Record<string, string>;
  renderJson(ex: Exchange, outcome: SimOutcome): string;
  /** The stream as framed wire strings, one per event ("chunk" in fault terms). */
  renderEvents(ex: Exchange, outcome: SimOutcome): string[];
  /**
   * The in-stream error event, framed; `payload` overrides the provider's default error.
   * `sent` is how many events went out before it (Gemini's array framing depends on it).
   */
  streamError(ex: Exchange, payload: unknown, sent: number): string;
  listModels(provider: string): string;
}

export function isErrorResponse(x: Exchange | ProviderErrorResponse): x is ProviderErrorResponse {
  return "status" in x;
}

let seq = 0;
/** Short unique ids; a counter is enough for a simulator and costs nothing per request. */
export function nextId(): string {
  seq += 1;
  return `sim${seq.toString(36).padStart(10, "0")}`;
}

export function unixSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** Splits text into word-sized pieces (each keeps its leading space) for token-like deltas. */
export function splitWords(text: string, wordsPerPiece: number): string[] {
  const words = text.split(" ");
  const pieces: string[] = [];
  for (let i = 0; i < words.length; i += wordsPerPiece) {
    const piece = words.slice(i, i + wordsPerPiece).join(" ");
    pieces.push(i === 0 ? piece : ` ${piece}`);
  }
  return pieces;
}

/** Splits a JSON string into fixed-size slices, the way providers stream tool arguments. */
export function splitFixed(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return pieces.length ? pieces : [""];
}

export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** Text of a content value that is either a string or an array of `{type:"text", text}` parts. */
export function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  let out = "";
  for (const part of content) {
    if (
      isRecord(part) &&
      typeof part.text === "string" &&
      (part.type === undefined || part.type === "text")
    )
      out += part.text;
  }
  return out;
}

export function positiveInt(x: unknown): number | undefined {
  return typeof x === "number" && Number.isFinite(x) && x > 0 ? Math.floor(x) : undefined;
}

/** A model-list JSON for an OpenAI-shaped `GET /models`, from a small per-provider table. */
export const KNOWN_MODELS: Record<string, readonly string[]> = {
  openai: ["gpt-4o-mini", "gpt-4o", "gpt-4.1-mini", "gpt-4.1"],
  deepseek: ["deepseek-chat", "deepseek-reasoner"],
  openrouter: [
    "openai/gpt-4o-mini",
    "anthropic/claude-3.5-haiku",
    "google/gemini-2.0-flash-001",
    "meta-llama/llama-3.1-8b-instruct",
  ],
  groq: ["llama-3.1-8b-instant", "llama-3.3-70b-versatile"],
  mistral: ["mistral-small-latest", "mistral-large-latest"],
  together: ["meta-llama/Llama-3.3-70B-Instruct-Turbo"],
  xai: ["grok-3-mini", "grok-3"],
  gemini: ["gemini-2.0-flash", "gemini-2.0-flash-lite", "gemini-2.5-flash", "gemini-2.5-pro"],
  anthropic: ["claude-3-5-haiku-20241022", "claude-sonnet-4-20250514", "claude-opus-4-20250514"],
};

export function modelsFor(provider: string): readonly string[] {
  return KNOWN_MODELS[provider] ?? ["sim-model"];
}
