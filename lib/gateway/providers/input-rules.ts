import type { ToolCallIdRewrite } from "./tool-call-ids";
import type { ProviderKind } from "./registry";

/**
 * What each provider refuses in a request that is valid OpenAI input, written down once.
 * The translators produce the provider's format; `normalizeUpstreamBody` then applies
 * these rules in one step, so a caller never gets a 4xx it cannot fix and that no other
 * provider would have given. Sources: each provider's API reference and error messages
 * its users report.
 */
export interface ProviderInputRules {
  /** Message roles the provider knows (OpenAI format only); others are renamed. */
  roles?: { allowed: readonly string[]; rename: Readonly<Record<string, string>> };
  /** Ids on tool calls and on the results that name them. */
  toolCallIds?: { alphabet: RegExp; rewrite: ToolCallIdRewrite };
  /** JSON Schema subset of tool parameters and response schemas (applied by the translator's converter). */
  schema?: { enumOnlyOnStrings: boolean };
  /** The conversation must hold at least one turn besides the system prompt. */
  nonEmptyConversation?: boolean;
  /** Text blocks must contain non-whitespace; a final assistant turn may not end in whitespace. */
  nonWhitespaceText?: boolean;
  /** Top-level fields the provider answers 400 to; dropped (none changes what is asked). */
  refusedFields?: readonly string[];
  /**
   * Top-level fields the provider knows under another name (old name -> its name). The
   * value moves unless the caller already set the provider's name, which then wins.
   */
  renamedFields?: Readonly<Record<string, string>>;
  /**
   * The provider reports usage in its final stream chunk unasked and refuses
   * `stream_options`: the gateway neither adds it nor passes the caller's on.
   */
  streamUsageUnasked?: boolean;
  /** Fields the gateway itself adds to the provider's request (documentation; see each adapter). */
  gatewayFields?: readonly string[];
}

const OPENAI_ROLES = ["system", "user", "assistant", "tool"];

/** The OpenAI-only `developer` role, sent as `system` to providers that know no other. */
const DEVELOPER_AS_SYSTEM = { allowed: OPENAI_ROLES, rename: { developer: "system" } } as const;

/** Providers that document only `max_tokens` for the output cap. */
const MAX_TOKENS_ONLY = { max_completion_tokens: "max_tokens" } as const;

const BY_KIND: Record<ProviderKind, ProviderInputRules> = {
  openai_compatible: { gatewayFields: ["stream_options.include_usage"] },
  anthropic: {
    // Anthropic: tool_use ids match ^[a-zA-Z0-9_-]+$.
    toolCallIds: { alphabet: /^[a-zA-Z0-9_-]+$/, rewrite: "base64url" },
    // "messages: at least one message is required"; "text content blocks must contain
    // non-whitespace text"; "final assistant content cannot end with trailing whitespace".
    nonEmptyConversation: true,
    nonWhitespaceText: true,
    gatewayFields: ["max_tokens"],
  },
  gemini: {
    // Gemini Schema: enum is for STRING only; contents must not be empty.
    schema: { enumOnlyOnStrings: true },
    nonEmptyConversation: true,
  },
};

/** Rules of individual OpenAI-compatible providers, on top of their kind's. */
const BY_PROVIDER: Readonly<Record<string, ProviderInputRules>> = {
  // OpenAI: "max_tokens is deprecated in favor of max_completion_tokens, and is not
  // compatible with o-series models" (a 400 there); every chat model takes the new name.
  openai: { renamedFields: { max_tokens: "max_completion_tokens" } },
  // DeepSeek knows system, user, assistant and tool.
  deepseek: { roles: DEVELOPER_AS_SYSTEM, renamedFields: MAX_TOKENS_ONLY },
  // Groq documents logprobs, top_logprobs and logit_bias as unsupported (a 400).
  groq: { roles: DEVELOPER_AS_SYSTEM, refusedFields: ["logprobs", "top_logprobs", "logit_bias"] },
  // Mistral: tool call ids are exactly nine letters and digits. It refuses fields it does
  // not know (422 "Extra inputs are not permitted", type `extra_forbidden`) and sends
  // `usage` in the final chunk of every stream without being asked.
  mistral: {
    streamUsageUnasked: true,
    roles: DEVELOPER_AS_SYSTEM,
    renamedFields: MAX_TOKENS_ONLY,
    toolCallIds: { alphabet: /^[a-zA-Z0-9]{9}$/, rewrite: "alnum9" },
  },
  together: { roles: DEVELOPER_AS_SYSTEM, renamedFields: MAX_TOKENS_ONLY },
  xai: { roles: DEVELOPER_AS_SYSTEM },
};

/** The rules for one provider: its kind's, then its own. */
export function inputRulesFor(
  kind: ProviderKind,
  providerId: string | undefined,
): ProviderInputRules {
  const own = providerId ? BY_PROVIDER[providerId] : undefined;
  return own
    ? {
        ...BY_KIND[kind],
        ...own,
        gatewayFields: [...(BY_KIND[kind].gatewayFields ?? []), ...(own.gatewayFields ?? [])],
      }
    : BY_KIND[kind];
}
