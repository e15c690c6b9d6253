import { messagesText, type ChatCompletionRequest } from "@/lib/gateway/chat-request";
import { countTokens } from "./count-tokens";

/**
 * What the meter records of a request, whatever API it came in by: the model named, how it
 * was answered, what bounds its usage, and how the gateway counts its prompt when the
 * upstream reports no usage.
 */
export interface MeteredRequest {
  /** The model as the caller named it. */
  model: string;
  stream: boolean;
  /** Output tokens the caller capped (`max_tokens`); null when unset; 0 for work with no output. */
  maxOutputTokens: number | null;
  /**
   * How many times the deployment's context window bounds the prompt: 1 for chat, one per
   * input for embeddings (each input is bounded on its own).
   */
  inputs: number;
  /** The prompt's tokens as the gateway counts them (gpt-tokenizer), asked only when needed. */
  countPromptTokens(): Promise<number>;
}

/** A chat completion request as the meter sees it. */
export function meteredChat(request: ChatCompletionRequest): MeteredRequest {
  return {
    model: request.model,
    stream: request.stream === true,
    maxOutputTokens: request.max_completion_tokens ?? request.max_tokens ?? null,
    inputs: 1,
    countPromptTokens: () => countTokens(messagesText(request.messages)),
  };
}
