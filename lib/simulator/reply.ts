import { simulatedUsage, toolCallCompletionText, type SimUsage } from "./usage";

/**
 * What every wire format boils down to: each format module parses its own request shape
 * into a SimTurn, the planner decides the outcome once, and the format module renders it.
 * Keeping the decision here means the three providers answer the same request the same way.
 */
export interface SimTool {
  name: string;
  /** JSON Schema (or Gemini's upper-case dialect) of the arguments. */
  schema: unknown;
}

export type SimToolChoice = "auto" | "none" | "required" | { name: string };

export interface SimTurn {
  provider: string;
  model: string;
  /** All message text, concatenated (see usage.ts). */
  promptText: string;
  /** Text of the last message when it is a fresh user message; null after a tool result. */
  lastUserText: string | null;
  tools: SimTool[];
  toolChoice: SimToolChoice;
  /** Output cap in completion tokens (= words); undefined when the request sets none. */
  maxTokens: number | undefined;
  /** JSON output requested, with the schema when one was given. */
  json: false | { schema?: unknown };
}

export type SimOutcome =
  | { kind: "text"; text: string; truncated: boolean; usage: SimUsage }
  | { kind: "tool"; name: string; args: unknown; argumentsJson: string; usage: SimUsage };

const ECHO_WORDS = 6;

/** The deterministic reply text, before any max-tokens truncation. */
export function simulatedReply(
  provider: string,
  model: string,
  lastUserText: string | null,
): string {
  const head = `Simulated reply from ${provider}/${model}.`;
  if (lastUserText === null) return `${head} Tool results received.`;
  // Only the head is needed; slicing first keeps a huge prompt from costing a full split.
  const words = lastUserText.slice(0, 256).split(/\s+/).filter(Boolean).slice(0, ECHO_WORDS);
  return `${head} You said: ${words.length ? words.join(" ") : "nothing"}`;
}

const WEATHER = /\bweather\b/i;

function chooseTool(turn: SimTurn): SimTool | undefined {
  if (turn.tools.length === 0 || turn.toolChoice === "none") return undefined;
  const choice = turn.toolChoice;
  if (typeof choice === "object")
    return turn.tools.find((t) => t.name === choice.name) ?? turn.tools[0];
  if (choice === "required") return turn.tools[0];
  // "auto": call the first tool only for a fresh user question about the weather, so a
  // conversation that already carries the tool result gets a text answer and terminates.
  return turn.lastUserText !== null && WEATHER.test(turn.lastUserText) ? turn.tools[0] : undefined;
}

export function planReply(turn: SimTurn): SimOutcome {
  const tool = chooseTool(turn);
  if (tool) {
    const sample = sampleFromSchema(tool.schema, 0);
    // Arguments are always a JSON object, whatever the declared schema says.
    const args =
      sample !== null && typeof sample === "object" && !Array.isArray(sample) ? sample : {};
    const argumentsJson = JSON.stringify(args);
    const usage = simulatedUsage(turn.promptText, toolCallCompletionText(tool.name, argumentsJson));
    return { kind: "tool", name: tool.name, args, argumentsJson, usage };
  }
  let text = turn.json
    ? jsonReply(turn)
    : simulatedReply(turn.provider, turn.model, turn.lastUserText);
  let truncated = false;
  if (!turn.json && turn.maxTokens !== undefined && turn.maxTokens > 0) {
    const words = text.split(" ");
    if (words.length > turn.maxTokens) {
      text = words.slice(0, turn.maxTokens).join(" ");
      truncated = true;
    }
  }
  return { kind: "text", text, truncated, usage: simulatedUsage(turn.promptText, text) };
}

function jsonReply(turn: SimTurn): string {
  const json = turn.json;
  if (json && json.schema !== undefined) {
    const sample = sampleFromSchema(json.schema, 0);
    if (sample !== null && typeof sample === "object") return JSON.stringify(sample, null, 1);
  }
  // Pretty-printed so the word-count usage rule gives a non-trivial number.
  return JSON.stringify({ simulated: true, provider: turn.provider, model: turn.model }, null, 1);
}

/**
 * A value that satisfies a (simple) JSON Schema: enough for tool arguments and structured
 * output to parse and validate in a gateway test, not a general schema sampler. Accepts
 * Gemini's upper-case type names too.
 */
export function sampleFromSchema(schema: unknown, depth: number): unknown {
  if (!schema || typeof schema !== "object" || depth > 4) return null;
  const s = schema as Record<string, unknown>;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  if ("const" in s) return s.const;
  const rawType = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  const type =
    typeof rawType === "string" ? rawType.toLowerCase() : s.properties ? "object" : undefined;
  switch (type) {
    case "object": {
      const out: Record<string, unknown> = {};
      const props = (s.properties ?? {}) as Record<string, unknown>;
      for (const [k, v] of Object.entries(props)) out[k] = sampleFromSchema(v, depth + 1);
      return out;
    }
    case "array":
      return s.items ? [sampleFromSchema(s.items, depth + 1)] : [];
    case "string":
      return "simulated";
    case "integer":
    case "number":
      return 1;
    case "boolean":
      return true;
    default:
      return null;
  }
}
