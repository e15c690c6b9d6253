import { PROVIDER_ERRORS, STREAM_ERRORS, type ProviderErrorResponse } from "./provider-errors";
import type { SimOutcome, SimTool, SimToolChoice } from "./reply";
import type { SimUsage } from "./usage";
import {
  contentText,
  isRecord,
  modelsFor,
  nextId,
  positiveInt,
  splitFixed,
  splitWords,
  unixSeconds,
  type RouteInfo,
  type WireFormat,
} from "./wire";

/**
 * OpenAI Chat Completions, as served by OpenAI and every OpenAI-compatible provider
 * (DeepSeek, OpenRouter, Groq, Mistral, Together, xAI): `POST {base}/chat/completions`,
 * `GET {base}/models`, `Authorization: Bearer <key>`.
 */

function badRequest(
  message: string,
  param: string | null,
  code: string | null,
): ProviderErrorResponse {
  return {
    name: "openai.badRequest",
    status: 400,
    headers: { "content-type": "application/json" },
    body: { error: { message, type: "invalid_request_error", param, code } },
  };
}

function parseTools(raw: unknown): SimTool[] {
  if (!Array.isArray(raw)) return [];
  const tools: SimTool[] = [];
  for (const t of raw) {
    if (isRecord(t) && isRecord(t.function) && typeof t.function.name === "string") {
      tools.push({ name: t.function.name, schema: t.function.parameters });
    }
  }
  return tools;
}

function parseToolChoice(raw: unknown): SimToolChoice {
  if (raw === "none" || raw === "required") return raw;
  if (isRecord(raw) && isRecord(raw.function) && typeof raw.function.name === "string")
    return { name: raw.function.name };
  return "auto";
}

function usageJson(provider: string, u: SimUsage): Record<string, unknown> {
  const usage: Record<string, unknown> = {
    prompt_tokens: u.promptTokens,
    completion_tokens: u.completionTokens,
    total_tokens: u.totalTokens,
    prompt_tokens_details: { cached_tokens: u.cachedTokens, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
  // DeepSeek reports its context cache in two extra fields of its own.
  if (provider === "deepseek") {
    usage.prompt_cache_hit_tokens = u.cachedTokens;
    usage.prompt_cache_miss_tokens = u.promptTokens - u.cachedTokens;
  }
  return usage;
}

function finishReason(outcome: SimOutcome): string {
  if (outcome.kind === "tool") return "tool_calls";
  return outcome.truncated ? "length" : "stop";
}

const modelListCache = new Map<string, string>();

export const openaiFormat: WireFormat = {
  streamContentType: "text/event-stream; charset=utf-8",

  credential(headers) {
    const auth = headers.authorization;
    if (!auth || auth.length < 8 || auth.slice(0, 7).toLowerCase() !== "bearer ") return undefined;
    const key = auth.slice(7).trim();
    return key || undefined;
  },

  missingCredential(provider) {
    return provider === "openrouter"
      ? PROVIDER_ERRORS.openrouter.noAuthCredentials
      : PROVIDER_ERRORS.openai.missingApiKey;
  },

  invalidJson() {
    return badRequest(
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
      null,
      null,
    );
  },

  toExchange(body: unknown, route: RouteInfo) {
    if (!isRecord(body) || body.messages === undefined) {
      return badRequest(
        "Missing required parameter: 'messages'.",
        "messages",
        "missing_required_parameter",
      );
    }
    const messages = body.messages;
    if (!Array.isArray(messages)) {
      return badRequest(
        "Invalid type for 'messages': expected an array, but got an object instead.",
        "messages",
        "invalid_type",
      );
    }
    if (messages.length === 0) {
      return badRequest(
        "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
        "messages",
        "empty_array",
      );
    }
    if (typeof body.model !== "string" || !body.model)
      return badRequest("you must provide a model parameter", null, null);

    let promptText = "";
    let lastUserText = "";
    for (const m of messages) {
      if (!isRecord(m)) continue;
      const text = contentText(m.content);
      promptText += text;
      if (m.role === "user") lastUserText = text;
    }
    const last = messages[messages.length - 1];
    const afterTool = isRecord(last) && (last.role === "tool" || last.role === "function");
    const rf = isRecord(body.response_format) ? body.response_format : undefined;
    const json =
      rf?.type === "json_object"
        ? {}
        : rf?.type === "json_schema"
          ? { schema: isRecord(rf.json_schema) ? rf.json_schema.schema : undefined }
          : false;
    const stream = body.stream === true;
    return {
      route,
      stream,
      includeUsage:
        stream && isRecord(body.stream_options) && body.stream_options.include_usage === true,
      turn: {
        provider: route.provider,
        model: body.model,
        promptText,
        lastUserText: afterTool ? null : lastUserText,
        tools: parseTools(body.tools),
        toolChoice: parseToolChoice(body.tool_choice),
        maxTokens: positiveInt(body.max_completion_tokens) ?? positiveInt(body.max_tokens),
        json,
      },
    };
  },

  responseHeaders() {
    return { "x-request-id": `req_${nextId()}` };
  },

  renderJson(ex, outcome) {
    const message =
      outcome.kind === "tool"
        ? {
            role: "assistant",
            content: null,
            tool_calls: [
              {
                id: `call_${nextId()}`,
                type: "function",
                function: { name: outcome.name, arguments: outcome.argumentsJson },
              },
            ],
            refusal: null,
            annotations: [],
          }
        : { role: "assistant", content: outcome.text, refusal: null, annotations: [] };
    return JSON.stringify({
      id: `chatcmpl-${nextId()}`,
      object: "chat.completion",
      created: unixSeconds(),
      model: ex.turn.model,
      choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason(outcome) }],
      usage: usageJson(ex.turn.provider, outcome.usage),
      service_tier: "default",
      system_fingerprint: "fp_simulated",
    });
  },

  renderEvents(ex, outcome) {
    // Every chunk shares the envelope, so build it once and splice the choice in.
    const head = `data: {"id":"chatcmpl-${nextId()}","object":"chat.completion.chunk","created":${unixSeconds()},"model":${JSON.stringify(
      ex.turn.model,
    )},"system_fingerprint":"fp_simulated","choices":[`;
    const tail = ex.includeUsage ? `],"usage":null}\n\n` : `]}\n\n`;
    const chunk = (delta: unknown, finish: string | null) =>
      `${head}{"index":0,"delta":${JSON.stringify(delta)},"logprobs":null,"finish_reason":${finish ? `"${finish}"` : "null"}}${tail}`;

    const events: string[] = [];
    if (outcome.kind === "tool") {
      const call = {
        index: 0,
        id: `call_${nextId()}`,
        type: "function",
        function: { name: outcome.name, arguments: "" },
      };
      events.push(
        chunk({ role: "assistant", content: null, tool_calls: [call], refusal: null }, null),
      );
      for (const piece of splitFixed(outcome.argumentsJson, 8)) {
        events.push(chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] }, null));
      }
    } else {
      events.push(chunk({ role: "assistant", content: "", refusal: null }, null));
      for (const piece of splitWords(outcome.text, 1)) events.push(chunk({ content: piece }, null));
    }
    events.push(chunk({}, finishReason(outcome)));
    if (ex.includeUsage) {
      events.push(
        `${head}],"usage":${JSON.stringify(usageJson(ex.turn.provider, outcome.usage))}}\n\n`,
      );
    }
    events.push("data: [DONE]\n\n");
    return events;
  },

  streamError(_ex, payload) {
    const events = Array.isArray(payload) ? payload : [payload ?? STREAM_ERRORS.openai];
    return events.map((p) => `data: ${typeof p === "string" ? p : JSON.stringify(p)}\n\n`).join("");
  },

  listModels(provider) {
    let cached = modelListCache.get(provider);
    if (!cached) {
      const data = modelsFor(provider).map((id) => ({
        id,
        object: "model",
        created: 1_700_000_000,
        owned_by: provider,
      }));
      cached = JSON.stringify({ object: "list", data });
      modelListCache.set(provider, cached);
    }
    return cached;
  },
};
