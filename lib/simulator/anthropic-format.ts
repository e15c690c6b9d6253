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
  type Exchange,
  type RouteInfo,
  type WireFormat,
} from "./wire";

/**
 * Anthropic Messages: `POST {base}/v1/messages` with `x-api-key` and a required
 * `anthropic-version` header; streams use named SSE events.
 */

function invalidRequest(message: string): ProviderErrorResponse {
  return {
    name: "anthropic.invalidRequest",
    status: 400,
    headers: { "content-type": "application/json" },
    body: {
      type: "error",
      error: { type: "invalid_request_error", message },
      request_id: `req_${nextId()}`,
    },
  };
}

/** Text a message carries: text blocks plus the text inside tool results. */
function messageText(content: unknown): { text: string; hasToolResult: boolean } {
  if (!Array.isArray(content)) return { text: contentText(content), hasToolResult: false };
  let text = "";
  let hasToolResult = false;
  for (const block of content) {
    if (!isRecord(block)) continue;
    if (block.type === "text" && typeof block.text === "string") text += block.text;
    else if (block.type === "tool_result") {
      hasToolResult = true;
      text += contentText(block.content);
    }
  }
  return { text, hasToolResult };
}

function parseTools(raw: unknown): SimTool[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((t) => isRecord(t) && typeof t.name === "string")
    .map((t) => ({ name: t.name as string, schema: t.input_schema }));
}

function parseToolChoice(raw: unknown): SimToolChoice {
  if (!isRecord(raw)) return "auto";
  if (raw.type === "none") return "none";
  if (raw.type === "any") return "required";
  if (raw.type === "tool" && typeof raw.name === "string") return { name: raw.name };
  return "auto";
}

function stopReason(outcome: SimOutcome): string {
  if (outcome.kind === "tool") return "tool_use";
  return outcome.truncated ? "max_tokens" : "end_turn";
}

/** Anthropic's input_tokens excludes cache reads; the two together are the prompt. */
function usageJson(u: SimUsage, outputTokens: number) {
  return {
    input_tokens: u.promptTokens - u.cachedTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: u.cachedTokens,
    output_tokens: outputTokens,
    service_tier: "standard",
  };
}

function sse(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

let modelList: string | undefined;

export const anthropicFormat: WireFormat = {
  streamContentType: "text/event-stream; charset=utf-8",

  credential(headers) {
    const key = headers["x-api-key"];
    if (typeof key === "string" && key) return key;
    const auth = headers.authorization;
    if (auth && auth.slice(0, 7).toLowerCase() === "bearer ")
      return auth.slice(7).trim() || undefined;
    return undefined;
  },

  missingCredential() {
    return PROVIDER_ERRORS.anthropic.missingApiKey;
  },

  invalidJson() {
    return invalidRequest(
      "The request body is not valid JSON: Expecting value: line 1 column 1 (char 0)",
    );
  },

  toExchange(body: unknown, route: RouteInfo) {
    if (!route.headers["anthropic-version"])
      return invalidRequest("anthropic-version: header is required");
    if (!isRecord(body)) return invalidRequest("messages: Field required");
    if (body.messages === undefined) return invalidRequest("messages: Field required");
    if (!Array.isArray(body.messages))
      return invalidRequest("messages: Input should be a valid list");
    if (body.messages.length === 0)
      return invalidRequest("messages: at least one message is required");
    if (typeof body.model !== "string") return invalidRequest("model: Field required");
    const maxTokens = positiveInt(body.max_tokens);
    if (maxTokens === undefined) return invalidRequest("max_tokens: Field required");

    let promptText = messageText(body.system).text;
    let lastUserText = "";
    let lastIsToolResult = false;
    for (const m of body.messages) {
      if (!isRecord(m)) continue;
      const { text, hasToolResult } = messageText(m.content);
      promptText += text;
      if (m.role === "user") {
        lastUserText = text;
        lastIsToolResult = hasToolResult;
      }
    }
    const stream = body.stream === true;
    return {
      route,
      stream,
      // Anthropic always reports usage in the stream (message_start and message_delta).
      includeUsage: stream,
      turn: {
        provider: route.provider,
        model: body.model,
        promptText,
        lastUserText: lastIsToolResult ? null : lastUserText,
        tools: parseTools(body.tools),
        toolChoice: parseToolChoice(body.tool_choice),
        maxTokens,
        json: false,
      },
    };
  },

  responseHeaders() {
    return { "request-id": `req_${nextId()}` };
  },

  renderJson(ex: Exchange, outcome: SimOutcome) {
    const content =
      outcome.kind === "tool"
        ? [{ type: "tool_use", id: `toolu_${nextId()}`, name: outcome.name, input: outcome.args }]
        : [{ type: "text", text: outcome.text }];
    return JSON.stringify({
      id: `msg_${nextId()}`,
      type: "message",
      role: "assistant",
      model: ex.turn.model,
      content,
      stop_reason: stopReason(outcome),
      stop_sequence: null,
      usage: usageJson(outcome.usage, outcome.usage.completionTokens),
    });
  },

  renderEvents(ex: Exchange, outcome: SimOutcome) {
    const events = [
      sse("message_start", {
        type: "message_start",
        message: {
          id: `msg_${nextId()}`,
          type: "message",
          role: "assistant",
          model: ex.turn.model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: usageJson(outcome.usage, 1),
        },
      }),
    ];
    if (outcome.kind === "tool") {
      events.push(
        sse("content_block_start", {
          type: "content_block_start",
          index: 0,
          content_block: {
            type: "tool_use",
            id: `toolu_${nextId()}`,
            name: outcome.name,
            input: {},
          },
        }),
        sse("ping", { type: "ping" }),
      );
      for (const piece of splitFixed(outcome.argumentsJson, 8)) {
        events.push(
          sse("content_block_delta", {
            type: "content_block_delta",
            index: 0,
            delta: { type: "input_json_delta", partial_json: piece },
          }),
        );
      }
    } else {
      events.push(
        sse("content_block_start", {
          type: "content_block_start",
          index: 0,
          content_block: { type: "text", text: "" },
        }),
        sse("ping", { type: "ping" }),
      );
      for (const piece of splitWords(outcome.text, 2)) {
        events.push(
          sse("content_block_delta", {
            type: "content_block_delta",
            index: 0,
            delta: { type: "text_delta", text: piece },
          }),
        );
      }
    }
    events.push(
      sse("content_block_stop", { type: "content_block_stop", index: 0 }),
      sse("message_delta", {
        type: "message_delta",
        delta: { stop_reason: stopReason(outcome), stop_sequence: null },
        usage: { output_tokens: outcome.usage.completionTokens },
      }),
      sse("message_stop", { type: "message_stop" }),
    );
    return events;
  },

  streamError(_ex, payload) {
    return sse("error", payload ?? STREAM_ERRORS.anthropic);
  },

  listModels() {
    if (!modelList) {
      const ids = modelsFor("anthropic");
      const data = ids.map((id) => ({
        type: "model",
        id,
        display_name: id,
        created_at: "2025-05-22T00:00:00Z",
      }));
      modelList = JSON.stringify({
        data,
        has_more: false,
        first_id: ids[0],
        last_id: ids[ids.length - 1],
      });
    }
    return modelList;
  },
};
