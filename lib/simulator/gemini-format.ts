import { PROVIDER_ERRORS, STREAM_ERRORS, type ProviderErrorResponse } from "./provider-errors";
import type { SimOutcome, SimTool, SimToolChoice } from "./reply";
import type { SimUsage } from "./usage";
import {
  isRecord,
  modelsFor,
  nextId,
  positiveInt,
  splitWords,
  type Exchange,
  type RouteInfo,
  type WireFormat,
} from "./wire";

/**
 * Gemini's native REST API: `POST {base}/v1beta/models/{model}:generateContent` and
 * `:streamGenerateContent?alt=sse`, key in `x-goog-api-key` or `?key=`. The REST surface
 * accepts both camelCase and snake_case field names, so both are read.
 */

function badRequest(message: string, withViolation: boolean): ProviderErrorResponse {
  const error: Record<string, unknown> = { code: 400, message, status: "INVALID_ARGUMENT" };
  if (withViolation)
    error.details = [
      {
        "@type": "type.googleapis.com/google.rpc.BadRequest",
        fieldViolations: [{ description: message }],
      },
    ];
  return {
    name: "gemini.badRequest",
    status: 400,
    headers: { "content-type": "application/json" },
    body: { error },
  };
}

/** Reads a field under its camelCase or snake_case name. */
function field(obj: Record<string, unknown>, camel: string, snake: string): unknown {
  return obj[camel] ?? obj[snake];
}

function partsOf(content: unknown): unknown[] {
  return isRecord(content) && Array.isArray(content.parts) ? content.parts : [];
}

function parseTools(raw: unknown): SimTool[] {
  if (!Array.isArray(raw)) return [];
  const tools: SimTool[] = [];
  for (const t of raw) {
    if (!isRecord(t)) continue;
    const decls = field(t, "functionDeclarations", "function_declarations");
    if (!Array.isArray(decls)) continue;
    for (const d of decls) {
      if (!isRecord(d) || typeof d.name !== "string") continue;
      tools.push({
        name: d.name,
        schema: d.parameters ?? field(d, "parametersJsonSchema", "parameters_json_schema"),
      });
    }
  }
  return tools;
}

function parseToolChoice(body: Record<string, unknown>): SimToolChoice {
  const config = field(body, "toolConfig", "tool_config");
  const fcc = isRecord(config)
    ? field(config, "functionCallingConfig", "function_calling_config")
    : undefined;
  if (!isRecord(fcc)) return "auto";
  if (fcc.mode === "NONE") return "none";
  if (fcc.mode === "ANY") {
    const allowed = field(fcc, "allowedFunctionNames", "allowed_function_names");
    return Array.isArray(allowed) && typeof allowed[0] === "string"
      ? { name: allowed[0] }
      : "required";
  }
  return "auto";
}

const SAFETY_RATINGS = [
  "HARM_CATEGORY_HATE_SPEECH",
  "HARM_CATEGORY_DANGEROUS_CONTENT",
  "HARM_CATEGORY_HARASSMENT",
  "HARM_CATEGORY_SEXUALLY_EXPLICIT",
].map((category) => ({ category, probability: "NEGLIGIBLE" }));

function usageMetadata(u: SimUsage, final: boolean, candidates: number): Record<string, unknown> {
  // Mid-stream chunks carry only the prompt count; the final one the full tally, as Gemini
  // does, with every candidate's tokens in `candidatesTokenCount`.
  const meta: Record<string, unknown> = { promptTokenCount: u.promptTokens };
  if (final) meta.candidatesTokenCount = u.completionTokens * candidates;
  meta.totalTokenCount = final ? u.promptTokens + u.completionTokens * candidates : u.promptTokens;
  if (u.cachedTokens > 0) meta.cachedContentTokenCount = u.cachedTokens;
  meta.promptTokensDetails = [{ modality: "TEXT", tokenCount: u.promptTokens }];
  return meta;
}

function finishReason(outcome: SimOutcome): string {
  return outcome.kind === "text" && outcome.truncated ? "MAX_TOKENS" : "STOP";
}

function response(
  ex: Exchange,
  id: string,
  parts: unknown[],
  usage: SimUsage,
  finish: string | null,
): Record<string, unknown> {
  const count = ex.candidateCount ?? 1;
  const candidates = Array.from({ length: count }, (_, index) => {
    const candidate: Record<string, unknown> = { content: { parts, role: "model" } };
    if (finish) {
      candidate.finishReason = finish;
      candidate.safetyRatings = SAFETY_RATINGS;
    }
    candidate.index = index;
    return candidate;
  });
  return {
    candidates,
    usageMetadata: usageMetadata(usage, finish !== null, count),
    modelVersion: ex.turn.model,
    responseId: id,
  };
}

function outcomeParts(outcome: SimOutcome): unknown[] {
  return outcome.kind === "tool"
    ? [{ functionCall: { name: outcome.name, args: outcome.args } }]
    : [{ text: outcome.text }];
}

/** Frames one chunk: SSE with Gemini's CRLF separators, or an element of the JSON array. */
function frame(ex: Exchange, json: string, index: number, last: boolean): string {
  if (ex.route.sse) return `data: ${json}\r\n\r\n`;
  return `${index === 0 ? "[" : ",\r\n"}${json}${last ? "]" : ""}`;
}

let modelList: string | undefined;

export const geminiFormat: WireFormat = {
  streamContentType: "text/event-stream",

  credential(headers, query) {
    const header = headers["x-goog-api-key"];
    if (typeof header === "string" && header) return header;
    if (!query) return undefined;
    return new URLSearchParams(query).get("key") || undefined;
  },

  missingCredential() {
    return PROVIDER_ERRORS.gemini.unregisteredCaller;
  },

  invalidJson() {
    return badRequest("Invalid JSON payload received. Unexpected token.\n", true);
  },

  toExchange(body: unknown, route: RouteInfo) {
    const contents = isRecord(body) ? body.contents : undefined;
    if (!isRecord(body) || !Array.isArray(contents) || contents.length === 0) {
      return badRequest("* GenerateContentRequest.contents: contents is not specified\n", false);
    }
    let promptText = "";
    for (const part of partsOf(field(body, "systemInstruction", "system_instruction"))) {
      if (isRecord(part) && typeof part.text === "string") promptText += part.text;
    }
    let lastUserText = "";
    let lastIsToolResult = false;
    for (const content of contents) {
      let text = "";
      let hasFunctionResponse = false;
      for (const part of partsOf(content)) {
        if (!isRecord(part)) continue;
        if (typeof part.text === "string") text += part.text;
        if (field(part, "functionResponse", "function_response") !== undefined)
          hasFunctionResponse = true;
      }
      promptText += text;
      const role = isRecord(content) ? content.role : undefined;
      if (role === undefined || role === "user" || role === "function") {
        lastUserText = text;
        lastIsToolResult = hasFunctionResponse || role === "function";
      }
    }
    const gen = field(body, "generationConfig", "generation_config");
    const config = isRecord(gen) ? gen : {};
    const mime = field(config, "responseMimeType", "response_mime_type");
    const schema =
      field(config, "responseSchema", "response_schema") ??
      field(config, "responseJsonSchema", "response_json_schema");
    const stream = route.pathStream === true;
    return {
      route,
      stream,
      includeUsage: stream,
      candidateCount: positiveInt(field(config, "candidateCount", "candidate_count")),
      turn: {
        provider: route.provider,
        model: route.pathModel ?? "gemini",
        promptText,
        lastUserText: lastIsToolResult ? null : lastUserText,
        tools: parseTools(body.tools),
        toolChoice: parseToolChoice(body),
        maxTokens: positiveInt(field(config, "maxOutputTokens", "max_output_tokens")),
        json: mime === "application/json" ? { schema } : false,
      },
    };
  },

  responseHeaders() {
    return {};
  },

  renderJson(ex, outcome) {
    return JSON.stringify(
      response(ex, nextId(), outcomeParts(outcome), outcome.usage, finishReason(outcome)),
    );
  },

  renderEvents(ex, outcome) {
    const id = nextId();
    // Gemini streams text in multi-word chunks and a function call whole, in one chunk.
    const pieces =
      outcome.kind === "tool"
        ? [outcomeParts(outcome)]
        : splitWords(outcome.text, 4).map((text) => [{ text }]);
    return pieces.map((parts, i) => {
      const last = i === pieces.length - 1;
      const json = JSON.stringify(
        response(ex, id, parts, outcome.usage, last ? finishReason(outcome) : null),
      );
      return frame(ex, json, i, last);
    });
  },

  streamError(ex, payload, sent) {
    return frame(ex, JSON.stringify(payload ?? STREAM_ERRORS.gemini), sent, true);
  },

  listModels() {
    if (!modelList) {
      const models = modelsFor("gemini").map((id) => ({
        name: `models/${id}`,
        displayName: id,
        inputTokenLimit: 1_048_576,
        outputTokenLimit: 8192,
        supportedGenerationMethods: ["generateContent", "countTokens"],
      }));
      modelList = JSON.stringify({ models });
    }
    return modelList;
  },
};
