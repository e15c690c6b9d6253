/**
 * The providers the gateway knows. An OpenAI-compatible provider is configuration,
 * not code: it differs only in id, name and default base URL.
 */
export type ProviderKind = "openai_compatible" | "gemini" | "anthropic";

export interface ProviderDefinition {
  id: string;
  name: string;
  kind: ProviderKind;
  /** Base URL in the official SDK's convention (`.../v1` for OpenAI-compatible; see the README's configuration table). */
  defaultBaseUrl: string;
  /** Environment variables holding its key(s) and base URL override, when it has any. */
  keyEnv?: string;
  baseUrlEnv?: string;
}

export const PROVIDERS: readonly ProviderDefinition[] = [
  {
    id: "openai",
    name: "OpenAI",
    kind: "openai_compatible",
    defaultBaseUrl: "https://api.openai.com/v1",
    keyEnv: "OPENAI_API_KEY",
    baseUrlEnv: "OPENAI_BASE_URL",
  },
  {
    id: "deepseek",
    name: "DeepSeek",
    kind: "openai_compatible",
    defaultBaseUrl: "https://api.deepseek.com/v1",
    keyEnv: "DEEPSEEK_API_KEY",
    baseUrlEnv: "DEEPSEEK_BASE_URL",
  },
  {
    id: "openrouter",
    name: "OpenRouter",
    kind: "openai_compatible",
    defaultBaseUrl: "https://openrouter.ai/api/v1",
    keyEnv: "OPENROUTER_API_KEY",
    baseUrlEnv: "OPENROUTER_BASE_URL",
  },
  {
    id: "gemini",
    name: "Google Gemini",
    kind: "gemini",
    defaultBaseUrl: "https://generativelanguage.googleapis.com",
    keyEnv: "GEMINI_API_KEY",
    baseUrlEnv: "GEMINI_BASE_URL",
  },
  {
    id: "anthropic",
    name: "Anthropic",
    kind: "anthropic",
    defaultBaseUrl: "https://api.anthropic.com",
    keyEnv: "ANTHROPIC_API_KEY",
    baseUrlEnv: "ANTHROPIC_BASE_URL",
  },
  {
    id: "groq",
    name: "Groq",
    kind: "openai_compatible",
    defaultBaseUrl: "https://api.groq.com/openai/v1",
    keyEnv: "GROQ_API_KEY",
    baseUrlEnv: "GROQ_BASE_URL",
  },
  {
    id: "mistral",
    name: "Mistral",
    kind: "openai_compatible",
    defaultBaseUrl: "https://api.mistral.ai/v1",
    keyEnv: "MISTRAL_API_KEY",
    baseUrlEnv: "MISTRAL_BASE_URL",
  },
  {
    id: "together",
    name: "Together AI",
    kind: "openai_compatible",
    defaultBaseUrl: "https://api.together.xyz/v1",
    keyEnv: "TOGETHER_API_KEY",
    baseUrlEnv: "TOGETHER_BASE_URL",
  },
  {
    id: "xai",
    name: "xAI",
    kind: "openai_compatible",
    defaultBaseUrl: "https://api.x.ai/v1",
    keyEnv: "XAI_API_KEY",
    baseUrlEnv: "XAI_BASE_URL",
  },
];

export function providerDefinition(id: string): ProviderDefinition | undefined {
  return PROVIDERS.find((p) => p.id === id);
}
