import type { ProviderErrorResponse } from "./provider-errors";
import { isRecord } from "./wire";

/**
 * Rules each provider enforces on valid-looking requests, checked the way the provider
 * checks them and refused with its own 400 (messages as its users report them). Written
 * from the providers' side, apart from the gateway's own input rules, so a gateway
 * request that breaks one is caught here rather than trusted.
 */

const JSON_HEADERS = { "content-type": "application/json" };

function openaiStyle(
  provider: string,
  message: string,
  param: string | null = null,
): ProviderErrorResponse {
  return {
    name: `${provider}.invalidRequest`,
    status: 400,
    headers: JSON_HEADERS,
    body: { error: { message, type: "invalid_request_error", param, code: null } },
  };
}

function anthropic(message: string): ProviderErrorResponse {
  return {
    name: "anthropic.invalidRequest",
    status: 400,
    headers: JSON_HEADERS,
    body: { type: "error", error: { type: "invalid_request_error", message } },
  };
}

function gemini(message: string): ProviderErrorResponse {
  return {
    name: "gemini.invalidArgument",
    status: 400,
    headers: JSON_HEADERS,
    body: { error: { code: 400, message, status: "INVALID_ARGUMENT" } },
  };
}

const BASIC_ROLES = new Set(["system", "user", "assistant", "tool"]);

/** OpenAI-compatible hosts with private rules; OpenAI and OpenRouter take any valid request. */
function checkOpenAIStyle(
  provider: string,
  body: Record<string, unknown>,
): ProviderErrorResponse | undefined {
  const messages = Array.isArray(body.messages) ? body.messages.filter(isRecord) : [];
  const strictRoles = ["deepseek", "groq", "mistral", "together", "xai"].includes(provider);
  for (const [i, m] of messages.entries()) {
    if (strictRoles && typeof m.role === "string" && !BASIC_ROLES.has(m.role)) {
      return openaiStyle(
        provider,
        `Failed to deserialize the JSON body into the target type: messages[${i}]: unknown variant \`${m.role}\`, expected one of \`system\`, \`user\`, \`assistant\`, \`tool\``,
      );
    }
    if (provider === "mistral") {
      const ids = [
        ...(Array.isArray(m.tool_calls) ? m.tool_calls.filter(isRecord).map((c) => c.id) : []),
        ...(m.tool_call_id !== undefined ? [m.tool_call_id] : []),
      ];
      for (const id of ids) {
        if (typeof id !== "string" || !/^[a-zA-Z0-9]{9}$/.test(id))
          return openaiStyle(
            provider,
            `Tool call id was ${String(id)} but must be a-z, A-Z, 0-9, with a length of 9.`,
          );
      }
    }
  }
  if (provider === "groq") {
    for (const field of ["logprobs", "top_logprobs", "logit_bias"])
      if (body[field] !== undefined)
        return openaiStyle(provider, `\`${field}\` is not supported`, field);
  }
  return undefined;
}

function checkAnthropic(body: Record<string, unknown>): ProviderErrorResponse | undefined {
  // A missing or empty list is the format's own first check (see anthropic-format.ts).
  if (!Array.isArray(body.messages)) return undefined;
  const messages: unknown[] = body.messages;
  let callIds = new Set<unknown>();
  for (const [i, raw] of messages.entries()) {
    const m = isRecord(raw) ? raw : {};
    if (m.role !== "user" && m.role !== "assistant")
      return anthropic(`messages.${i}.role: Input should be 'user' or 'assistant'`);
    const blocks =
      typeof m.content === "string"
        ? [{ type: "text", text: m.content }]
        : Array.isArray(m.content)
          ? m.content.filter(isRecord)
          : [];
    // Each tool_result answers a tool_use of the assistant turn just before it.
    for (const b of blocks) {
      if (b.type === "tool_result" && !callIds.has(b.tool_use_id)) {
        return anthropic(
          `messages.${i}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${String(b.tool_use_id)}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
        );
      }
    }
    callIds = new Set(blocks.filter((b) => b.type === "tool_use").map((b) => b.id));
    const isFinalAssistant = i === messages.length - 1 && m.role === "assistant";
    if (blocks.length === 0 && !isFinalAssistant)
      return anthropic(
        `messages.${i}: all messages must have non-empty content except for the optional final assistant message`,
      );
    for (const [j, b] of blocks.entries()) {
      if (b.type === "text" && (typeof b.text !== "string" || b.text.trim() === ""))
        return anthropic(
          `messages.${i}.content.${j}.text: text content blocks must contain non-whitespace text`,
        );
      const id =
        b.type === "tool_use" ? b.id : b.type === "tool_result" ? b.tool_use_id : undefined;
      if (id !== undefined && (typeof id !== "string" || !/^[a-zA-Z0-9_-]+$/.test(id))) {
        return anthropic(
          `messages.${i}.content.${j}.${b.type === "tool_use" ? "id" : "tool_use_id"}: String should match pattern '^[a-zA-Z0-9_-]+$'`,
        );
      }
    }
    const last = blocks[blocks.length - 1];
    if (
      isFinalAssistant &&
      last?.type === "text" &&
      typeof last.text === "string" &&
      last.text !== last.text.trimEnd()
    ) {
      return anthropic("final assistant content cannot end with trailing whitespace");
    }
  }
  return undefined;
}

/** Gemini's Schema: `enum` is for STRING only. */
function enumProblem(schema: unknown, at: string): string | undefined {
  if (!isRecord(schema)) return undefined;
  if (
    schema.enum !== undefined &&
    ((schema.type !== "string" && schema.type !== "STRING") ||
      !Array.isArray(schema.enum) ||
      !schema.enum.every((v) => typeof v === "string"))
  ) {
    return `Invalid JSON payload received. ${at}.enum: only allowed for STRING type`;
  }
  for (const [key, value] of Object.entries(schema)) {
    if (key === "properties" && isRecord(value)) {
      for (const [name, prop] of Object.entries(value)) {
        const found = enumProblem(prop, `${at}.properties[${name}]`);
        if (found) return found;
      }
    } else if (key === "items" || key === "anyOf") {
      for (const [i, sub] of (Array.isArray(value) ? value : [value]).entries()) {
        const found = enumProblem(sub, `${at}.${key}[${i}]`);
        if (found) return found;
      }
    }
  }
  return undefined;
}

function checkGemini(body: Record<string, unknown>): ProviderErrorResponse | undefined {
  if (!Array.isArray(body.contents) || body.contents.length === 0)
    return gemini("* GenerateContentRequest.contents: contents is not specified");
  for (const [i, tool] of (Array.isArray(body.tools) ? body.tools : []).entries()) {
    const declarations =
      isRecord(tool) && Array.isArray(tool.functionDeclarations) ? tool.functionDeclarations : [];
    for (const [j, d] of declarations.entries()) {
      const found = isRecord(d)
        ? enumProblem(d.parameters, `tools[${i}].function_declarations[${j}].parameters`)
        : undefined;
      if (found) return gemini(found);
    }
  }
  const config = isRecord(body.generationConfig) ? body.generationConfig : {};
  const found = enumProblem(config.responseSchema, "generation_config.response_schema");
  return found ? gemini(found) : undefined;
}

/** The provider's 400 for a request that breaks one of its rules; undefined when it accepts it. */
export function checkProviderInput(
  provider: string,
  body: unknown,
): ProviderErrorResponse | undefined {
  if (!isRecord(body)) return undefined;
  if (provider === "anthropic") return checkAnthropic(body);
  if (provider === "gemini") return checkGemini(body);
  return checkOpenAIStyle(provider, body);
}
