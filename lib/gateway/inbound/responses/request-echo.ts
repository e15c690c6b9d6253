import type { ResponsesRequest } from "./schema";

/**
 * The request settings a Responses API `response` object repeats back, per OpenAI's
 * Responses reference: what was asked, with OpenAI's documented defaults where the
 * request left a setting out, so a client reading `response.temperature` or
 * `response.tools` sees what it sent.
 */
export interface ResponsesEcho {
  instructions: string | null;
  max_output_tokens: number | null;
  metadata: Record<string, string>;
  parallel_tool_calls: boolean;
  temperature: number;
  text: { format: Record<string, unknown> };
  tool_choice: unknown;
  tools: unknown[];
  top_p: number;
  truncation: "disabled";
  user: string | null;
}

/** A validated Responses request -> the settings its answer repeats. */
export function echoOf(r: ResponsesRequest): ResponsesEcho {
  return {
    instructions: r.instructions ?? null,
    max_output_tokens: r.max_output_tokens ?? null,
    metadata: r.metadata ?? {},
    parallel_tool_calls: r.parallel_tool_calls ?? true,
    temperature: r.temperature ?? 1,
    text: { format: r.text?.format ?? { type: "text" } },
    tool_choice: r.tool_choice ?? "auto",
    tools: r.tools ?? [],
    top_p: r.top_p ?? 1,
    // Context is never cut to fit: the gateway sends the input as given.
    truncation: "disabled",
    user: r.user ?? null,
  };
}
