import { ApiError } from "@/lib/errors";
import type { ChatCompletionRequest, ChatMessage } from "@/lib/gateway/chat-request";
import type { ResponsesItem, ResponsesRequest } from "./schema";

/**
 * Responses API request -> the internal Chat Completions request, following OpenAI's
 * Responses reference and its migration guide ("Migrating from Chat Completions"):
 * `instructions` is the leading system message; message items keep their role, their
 * `input_text`/`output_text` parts become text and `input_image` an `image_url`;
 * `function_call` items become an assistant turn's `tool_calls` and
 * `function_call_output` items `tool` messages; `text.format` is `response_format`.
 *
 * @throws ApiError 400 for `previous_response_id` (nothing is stored) and naming the
 *   type of any tool or item other than function tools, messages and function calls.
 */
export function responsesToChatRequest(r: ResponsesRequest): ChatCompletionRequest {
  if (r.previous_response_id)
    throw invalid(
      "previous_response_id is not supported: this gateway stores no responses. Send the whole conversation in input.",
      "previous_response_id",
    );
  const messages: ChatMessage[] = [];
  if (r.instructions) messages.push({ role: "system", content: r.instructions });
  if (typeof r.input === "string") messages.push({ role: "user", content: r.input });
  else for (const [i, item] of r.input.entries()) addItem(messages, item, `input.${i}`);

  const out: ChatCompletionRequest = { model: r.model, messages };
  if (r.stream) {
    out.stream = true;
    out.stream_options = { include_usage: true };
  }
  if (r.max_output_tokens) out.max_completion_tokens = r.max_output_tokens;
  if (typeof r.temperature === "number") out.temperature = r.temperature;
  if (typeof r.top_p === "number") out.top_p = r.top_p;
  if (typeof r.parallel_tool_calls === "boolean") out.parallel_tool_calls = r.parallel_tool_calls;
  if (r.user) out.user = r.user;
  if (r.tools?.length) out.tools = r.tools.map(toFunctionTool);
  if (r.tool_choice) {
    const c = r.tool_choice;
    if (typeof c === "string") out.tool_choice = c;
    else if (c.type === "function" && c.name)
      out.tool_choice = { type: "function", function: { name: c.name } };
    else throw invalid(`tool_choice of type '${c.type}' is not supported.`, "tool_choice");
  }
  const format = r.text?.format;
  if (format?.type === "json_schema")
    out.response_format = {
      type: "json_schema",
      json_schema: {
        name: format.name ?? "response",
        schema: format.schema ?? {},
        ...(typeof format.strict === "boolean" ? { strict: format.strict } : {}),
        ...(format.description ? { description: format.description } : {}),
      },
    };
  else if (format?.type === "json_object") out.response_format = { type: "json_object" };
  return out;
}

function invalid(message: string, param: string): ApiError {
  return new ApiError("invalid_request_error", message, { param });
}

function toFunctionTool(tool: NonNullable<ResponsesRequest["tools"]>[number], i: number) {
  if (tool.type !== "function")
    throw invalid(
      `Tools of type '${tool.type}' are not supported; only function tools are.`,
      `tools.${i}.type`,
    );
  if (!tool.name) throw invalid("A function tool needs a name.", `tools.${i}.name`);
  return {
    type: "function",
    function: {
      name: tool.name,
      ...(tool.description ? { description: tool.description } : {}),
      parameters: tool.parameters ?? { type: "object", properties: {} },
      ...(typeof tool.strict === "boolean" ? { strict: tool.strict } : {}),
    },
  };
}

const ROLES = ["user", "assistant", "system", "developer"] as const;

function contentOf(content: unknown, at: string): ChatMessage["content"] {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) throw invalid("A message needs content.", at);
  return content.map((raw: Record<string, unknown>, i) => {
    switch (raw?.type) {
      case "input_text":
      case "output_text":
        return { type: "text", text: String(raw.text ?? "") };
      case "input_image":
        if (typeof raw.image_url !== "string")
          throw invalid("An input_image needs an image_url.", `${at}.${i}`);
        return {
          type: "image_url",
          image_url: { url: raw.image_url, ...(raw.detail ? { detail: raw.detail } : {}) },
        };
      default:
        throw invalid(
          `Content of type '${String(raw?.type)}' is not supported.`,
          `${at}.${i}.type`,
        );
    }
  });
}

function addItem(messages: ChatMessage[], item: ResponsesItem, at: string): void {
  const type = item.type ?? "message";
  switch (type) {
    case "message": {
      const role = ROLES.find((r) => r === item.role);
      if (!role) throw invalid(`Unknown role '${String(item.role)}'.`, `${at}.role`);
      messages.push({ role, content: contentOf(item.content, `${at}.content`) });
      return;
    }
    case "function_call": {
      const call = {
        id: String(item.call_id ?? ""),
        type: "function",
        function: { name: String(item.name ?? ""), arguments: String(item.arguments ?? "{}") },
      };
      // Parallel calls are one assistant turn in Chat Completions.
      const last = messages[messages.length - 1];
      if (last?.role === "assistant") last.tool_calls = [...(last.tool_calls ?? []), call];
      else messages.push({ role: "assistant", content: null, tool_calls: [call] });
      return;
    }
    case "function_call_output":
      messages.push({
        role: "tool",
        tool_call_id: String(item.call_id ?? ""),
        content: typeof item.output === "string" ? item.output : JSON.stringify(item.output ?? ""),
      });
      return;
    default:
      throw invalid(
        `Input items of type '${type}' are not supported; send messages, function_call and function_call_output items.`,
        `${at}.type`,
      );
  }
}
