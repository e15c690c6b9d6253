import type { ChatCompletionRequest } from "@/lib/gateway/chat-request";
import { toGeminiContents } from "./contents";
import { toGeminiSchema } from "./json-schema";
import { invalid, isRecord } from "../openai-input";

/**
 * OpenAI chat request -> Gemini `GenerateContentRequest` body. Fields Gemini has no
 * equivalent for (logit_bias, user, ...) are dropped; the model goes in the URL.
 */

type ToolChoice =
  { kind: "auto" } | { kind: "none" } | { kind: "required" } | { kind: "function"; name: string };

/** Normalises OpenAI's `tool_choice` (a string or `{type:"function", function:{name}}`). */
export function readToolChoice(raw: unknown): ToolChoice | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (raw === "auto" || raw === "none" || raw === "required") return { kind: raw };
  if (isRecord(raw) && isRecord(raw.function) && typeof raw.function.name === "string")
    return { kind: "function", name: raw.function.name };
  throw invalid(
    "tool_choice must be 'auto', 'none', 'required' or {type: 'function', function: {name}}.",
    "tool_choice",
  );
}

function functionCallingConfig(choice: ToolChoice): Record<string, unknown> {
  switch (choice.kind) {
    case "auto":
      return { mode: "AUTO" };
    case "none":
      return { mode: "NONE" };
    case "required":
      return { mode: "ANY" };
    case "function":
      return { mode: "ANY", allowedFunctionNames: [choice.name] };
    default: {
      const unreachable: never = choice;
      return unreachable;
    }
  }
}

function functionDeclarations(tools: ChatCompletionRequest["tools"]): Record<string, unknown>[] {
  const declarations: Record<string, unknown>[] = [];
  for (const [i, tool] of (tools ?? []).entries()) {
    const fn = tool.function;
    if (tool.type !== "function" || !isRecord(fn) || typeof fn.name !== "string") {
      throw invalid("Only function tools with a name can be sent to Gemini.", `tools.${i}`);
    }
    const declaration: Record<string, unknown> = { name: fn.name };
    if (typeof fn.description === "string") declaration.description = fn.description;
    const parameters = toGeminiSchema(fn.parameters);
    if (parameters) declaration.parameters = parameters;
    declarations.push(declaration);
  }
  return declarations;
}

function stopSequences(stop: unknown): string[] | undefined {
  if (typeof stop === "string") return [stop];
  if (Array.isArray(stop) && stop.every((s) => typeof s === "string"))
    return stop.length > 0 ? stop : undefined;
  if (stop === undefined || stop === null) return undefined;
  throw invalid("stop must be a string or an array of strings.", "stop");
}

function responseFormat(format: ChatCompletionRequest["response_format"]): Record<string, unknown> {
  if (!format) return {};
  switch (format.type) {
    case "text":
      return {};
    case "json_object":
      return { responseMimeType: "application/json" };
    case "json_schema": {
      const spec = isRecord(format.json_schema) ? format.json_schema : {};
      const schema = toGeminiSchema(spec.schema);
      return {
        responseMimeType: "application/json",
        ...(schema ? { responseSchema: schema } : {}),
      };
    }
    default:
      throw invalid(
        `response_format type '${format.type}' is not supported by Gemini.`,
        "response_format.type",
      );
  }
}

export function toGeminiRequest(request: ChatCompletionRequest): Record<string, unknown> {
  const body: Record<string, unknown> = { ...toGeminiContents(request.messages) };

  const declarations = functionDeclarations(request.tools);
  const choice = readToolChoice(request.tool_choice);
  if (declarations.length > 0) {
    body.tools = [{ functionDeclarations: declarations }];
    if (choice) body.toolConfig = { functionCallingConfig: functionCallingConfig(choice) };
  }

  const generationConfig: Record<string, unknown> = {};
  if (typeof request.temperature === "number") generationConfig.temperature = request.temperature;
  if (typeof request.top_p === "number") generationConfig.topP = request.top_p;
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (typeof maxTokens === "number") generationConfig.maxOutputTokens = maxTokens;
  const stop = stopSequences(request.stop);
  if (stop) generationConfig.stopSequences = stop;
  if (typeof request.seed === "number") generationConfig.seed = request.seed;
  // OpenAI's `n` is Gemini's `candidateCount` (routing keeps it within what Gemini allows).
  if (typeof request.n === "number" && request.n > 1) generationConfig.candidateCount = request.n;
  Object.assign(generationConfig, responseFormat(request.response_format));
  if (Object.keys(generationConfig).length > 0) body.generationConfig = generationConfig;
  return body;
}
