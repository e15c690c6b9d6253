import type { ProviderInputRules } from "./input-rules";
import type { ProviderKind } from "./registry";
import { rewriteToolCallId } from "./tool-call-ids";

type Json = Record<string, unknown>;

function isObject(x: unknown): x is Json {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/**
 * The one normalisation step: a translated request body (in the provider's own format,
 * see each translator) made to satisfy that provider's input rules. Returns a new
 * body; the input is not changed. Throws nothing: every rule is met by rewriting.
 */
export function normalizeUpstreamBody(
  kind: ProviderKind,
  rules: ProviderInputRules,
  body: Json,
): Json {
  const out: Json = { ...body };
  for (const field of rules.refusedFields ?? []) delete out[field];
  for (const [from, to] of Object.entries(rules.renamedFields ?? {})) {
    if (!(from in out)) continue;
    if (out[to] === undefined || out[to] === null) out[to] = out[from];
    delete out[from];
  }
  switch (kind) {
    case "openai_compatible":
      return normalizeOpenAI(rules, out);
    case "anthropic":
      return normalizeAnthropic(rules, out);
    case "gemini":
      return normalizeGemini(rules, out);
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

function rewriteId(rules: ProviderInputRules, id: unknown): unknown {
  return rules.toolCallIds && typeof id === "string"
    ? rewriteToolCallId(id, rules.toolCallIds.alphabet, rules.toolCallIds.rewrite)
    : id;
}

/** OpenAI format: message roles and tool-call ids. */
function normalizeOpenAI(rules: ProviderInputRules, body: Json): Json {
  if (!Array.isArray(body.messages) || (!rules.roles && !rules.toolCallIds)) return body;
  body.messages = body.messages.map((raw: unknown) => {
    if (!isObject(raw)) return raw;
    const m: Json = { ...raw };
    const role = typeof m.role === "string" ? m.role : undefined;
    if (rules.roles && role && !rules.roles.allowed.includes(role) && rules.roles.rename[role])
      m.role = rules.roles.rename[role];
    if (rules.toolCallIds) {
      if (Array.isArray(m.tool_calls))
        m.tool_calls = m.tool_calls.map((c: unknown) =>
          isObject(c) ? { ...c, id: rewriteId(rules, c.id) } : c,
        );
      if (m.tool_call_id !== undefined) m.tool_call_id = rewriteId(rules, m.tool_call_id);
    }
    return m;
  });
  return body;
}

/** Anthropic Messages: tool ids, whitespace-only text, an empty conversation. */
function normalizeAnthropic(rules: ProviderInputRules, body: Json): Json {
  let messages = (Array.isArray(body.messages) ? body.messages : [])
    .filter(isObject)
    .map((m): Turn => ({
      ...m,
      role: m.role,
      content: (Array.isArray(m.content) ? m.content : []).filter(isObject).map((block) => {
        if (block.type === "tool_use") return { ...block, id: rewriteId(rules, block.id) };
        if (block.type === "tool_result")
          return { ...block, tool_use_id: rewriteId(rules, block.tool_use_id) };
        return block;
      }),
    }));
  if (rules.nonWhitespaceText) {
    messages = messages.map((m) => ({
      ...m,
      content: m.content.filter(
        (b) => b.type !== "text" || (typeof b.text === "string" && b.text.trim() !== ""),
      ),
    }));
    messages = mergeSameRole(messages.filter((m) => m.content.length > 0));
    const last = messages[messages.length - 1];
    const lastBlock =
      last?.role === "assistant" ? last.content[last.content.length - 1] : undefined;
    if (lastBlock?.type === "text" && typeof lastBlock.text === "string")
      last!.content[last!.content.length - 1] = { ...lastBlock, text: lastBlock.text.trimEnd() };
  }
  if (rules.nonEmptyConversation && messages.length === 0) {
    // A conversation of system text alone: the instructions become the user's turn.
    const system = typeof body.system === "string" && body.system.trim() ? body.system : undefined;
    // With no text at all (OpenAI accepts a lone empty user message) a single "." stands in.
    messages = [{ role: "user", content: [{ type: "text", text: system ?? "." }] }];
    delete body.system;
  }
  body.messages = messages;
  return body;
}

interface Turn {
  role: unknown;
  content: Json[];
}

function mergeSameRole(messages: Turn[]): Turn[] {
  const out: Turn[] = [];
  for (const m of messages) {
    const last = out[out.length - 1];
    if (last && last.role === m.role)
      out[out.length - 1] = { ...last, content: [...last.content, ...m.content] };
    else out.push(m);
  }
  return out;
}

/** Gemini generateContent: an empty `contents`. */
function normalizeGemini(rules: ProviderInputRules, body: Json): Json {
  const contents = Array.isArray(body.contents) ? body.contents : [];
  if (rules.nonEmptyConversation && contents.length === 0) {
    // A conversation of system text alone: the instructions become the user's turn.
    const instruction =
      isObject(body.systemInstruction) && Array.isArray(body.systemInstruction.parts)
        ? body.systemInstruction.parts
        : [];
    body.contents = [
      { role: "user", parts: instruction.length > 0 ? instruction : [{ text: "." }] },
    ];
    delete body.systemInstruction;
  }
  return body;
}
