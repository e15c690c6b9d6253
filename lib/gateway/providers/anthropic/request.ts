import type { ChatCompletionRequest } from "@/lib/gateway/chat-request";
import { toAnthropicMessages } from "./messages";
import { invalid, isRecord } from "../openai-input";

/**
 * OpenAI chat request -> Anthropic Messages body. Fields Anthropic has no equivalent
 * for (seed, logit_bias, penalties, response_format) are dropped.
 */

/** Anthropic requires max_tokens; OpenAI callers usually leave it out. */
export const DEFAULT_MAX_TOKENS = 4096;

type ToolChoice =
  { kind: "auto" } | { kind: "none" } | { kind: "required" } | { kind: "function"; name: string };

function readToolChoice(raw: unknown): ToolChoice | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (raw === "auto" || raw === "none" || raw === "required") return { kind: raw };
  if (isRecord(raw) && isRecord(raw.function) && typeof raw.function.name === "string")
    return { kind: "function", name: raw.function.name };
  throw invalid(
    "tool_choice must be 'auto', 'none', 'required' or {type: 'function', function: {name}}.",
    "tool_choice",
  );
}

function anthropicToolChoice(choice: ToolChoice, parallel: boolean): Record<string, unknown> {
  // OpenAI's parallel_tool_calls: false is Anthropic's disable_parallel_tool_use: true.
  const serial = parallel ? {} : { disable_parallel_tool_use: true };
  switch (choice.kind) {
    case "auto":
      return { type: "auto", ...serial };
    case "none":
      return { type: "none" };
    case "required":
      return { type: "any", ...serial };
    case "function":
      return { type: "tool", name: choice.name, ...serial };
    default: {
      const unreachable: never = choice;
      return unreachable;
    }
  }
}

function anthropicTools(tools: ChatCompletionRequest["tools"]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const [i, tool] of (tools ?? []).entries()) {
    const fn = tool.function;
    if (tool.type !== "function" || !isRecord(fn) || typeof fn.name !== "string") {
      throw invalid("Only function tools with a name can be sent to Anthropic.", `tools.${i}`);
    }
    const entry: Record<string, unknown> = { name: fn.name };
    if (typeof fn.description === "string") entry.description = fn.description;
    // input_schema is required; a function without parameters takes an empty object.
    entry.input_schema = isRecord(fn.parameters)
      ? fn.parameters
      : { type: "object", properties: {} };
    out.push(entry);
  }
  return out;
}

function stopSequences(stop: unknown): string[] | undefined {
  const list =
    typeof stop === "string"
      ? [stop]
      : Array.isArray(stop) && stop.every((s) => typeof s === "string")
        ? (stop as string[])
        : undefined;
  if (list === undefined) {
    if (stop === undefined || stop === null) return undefined;
    throw invalid("stop must be a string or an array of strings.", "stop");
  }
  // Anthropic answers 400 "stop_sequences: each stop sequence must contain non-whitespace"
  // to a sequence of whitespace alone. Dropping it would let the output run past where the
  // caller asked it to stop, so the caller is told before any upstream call.
  if (list.some((s) => s.trim() === ""))
    throw invalid(
      'stop: Anthropic models do not accept stop sequences made only of whitespace (such as "\\n"); remove them or pick another model.',
      "stop",
    );
  return list.length > 0 ? list : undefined;
}

export function toAnthropicRequest(
  request: ChatCompletionRequest,
  model: string,
  stream: boolean,
): Record<string, unknown> {
  const { system, messages } = toAnthropicMessages(request.messages);
  const body: Record<string, unknown> = {
    model,
    max_tokens: request.max_completion_tokens ?? request.max_tokens ?? DEFAULT_MAX_TOKENS,
    messages,
  };
  if (system) body.system = system;
  // OpenAI's temperature runs to 2, Anthropic's to 1: a value the client may send
  // OpenAI must not become a 400 here, so it is capped.
  if (typeof request.temperature === "number") body.temperature = Math.min(request.temperature, 1);
  if (typeof request.top_p === "number") body.top_p = request.top_p;
  const stop = stopSequences(request.stop);
  if (stop) body.stop_sequences = stop;

  const tools = anthropicTools(request.tools);
  if (tools.length > 0) {
    body.tools = tools;
    const parallel = request.parallel_tool_calls !== false;
    const choice = readToolChoice(request.tool_choice) ?? (parallel ? undefined : { kind: "auto" });
    if (choice) body.tool_choice = anthropicToolChoice(choice, parallel);
  }
  // Anthropic's metadata.user_id is the same abuse-tracing hint as OpenAI's user.
  if (typeof request.user === "string" && request.user) body.metadata = { user_id: request.user };
  if (stream) body.stream = true;
  return body;
}
