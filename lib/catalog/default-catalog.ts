import type { DeploymentKind } from "@/lib/gateway/catalog";

/**
 * What a first start puts in the database: the providers' public endpoints and the
 * deployments with their list prices (integer micro-dollars per 1M tokens). Prices
 * are editable afterwards; a later start never overwrites an edited one.
 */
export interface DefaultDeployment {
  providerId: string;
  model: string;
  aliases: string[];
  inputPricePer1MMicros: number;
  outputPricePer1MMicros: number;
  /** Cache reads, from the provider's price list; null where the provider has no discount. */
  cachedInputPricePer1MMicros: number | null;
  /** Cache writes (Anthropic: 1.25x input for the 5-minute cache). */
  cacheWritePricePer1MMicros?: number | null;
  /** Chat: prompt plus output; embedding: the most tokens one input may hold. */
  contextWindow: number;
  /** Absent: chat. */
  kind?: DeploymentKind;
}

export const DEFAULT_DEPLOYMENTS: readonly DefaultDeployment[] = [
  {
    providerId: "deepseek",
    model: "deepseek-chat",
    aliases: ["deepseek-chat"],
    inputPricePer1MMicros: 140_000,
    outputPricePer1MMicros: 280_000,
    cachedInputPricePer1MMicros: 14_000,
    contextWindow: 64_000,
  },
  {
    providerId: "gemini",
    model: "gemini-2.0-flash",
    aliases: ["gemini-2.0-flash"],
    inputPricePer1MMicros: 75_000,
    outputPricePer1MMicros: 300_000,
    cachedInputPricePer1MMicros: 18_750,
    contextWindow: 1_048_576,
  },
  {
    providerId: "openrouter",
    model: "meta-llama/llama-3.3-70b-instruct",
    aliases: ["llama-3.3-70b"],
    inputPricePer1MMicros: 120_000,
    outputPricePer1MMicros: 120_000,
    cachedInputPricePer1MMicros: null,
    contextWindow: 131_072,
  },
  {
    providerId: "openai",
    model: "gpt-4o",
    aliases: ["gpt-4o"],
    inputPricePer1MMicros: 2_500_000,
    outputPricePer1MMicros: 10_000_000,
    cachedInputPricePer1MMicros: 1_250_000,
    contextWindow: 128_000,
  },
  {
    providerId: "openai",
    model: "gpt-4o-mini",
    aliases: ["gpt-4o-mini"],
    inputPricePer1MMicros: 150_000,
    outputPricePer1MMicros: 600_000,
    cachedInputPricePer1MMicros: 75_000,
    contextWindow: 128_000,
  },
  {
    providerId: "anthropic",
    model: "claude-3-5-sonnet-latest",
    aliases: ["claude-3-5-sonnet"],
    inputPricePer1MMicros: 3_000_000,
    outputPricePer1MMicros: 15_000_000,
    cachedInputPricePer1MMicros: 300_000,
    cacheWritePricePer1MMicros: 3_750_000,
    contextWindow: 200_000,
  },
  // OpenAI-compatible providers beyond the five: configuration only, public list prices.
  {
    providerId: "groq",
    model: "llama-3.3-70b-versatile",
    aliases: ["llama-3.3-70b-versatile"],
    inputPricePer1MMicros: 590_000,
    outputPricePer1MMicros: 790_000,
    cachedInputPricePer1MMicros: null,
    contextWindow: 131_072,
  },
  {
    providerId: "mistral",
    model: "mistral-small-latest",
    aliases: ["mistral-small"],
    inputPricePer1MMicros: 100_000,
    outputPricePer1MMicros: 300_000,
    cachedInputPricePer1MMicros: null,
    contextWindow: 128_000,
  },
  {
    providerId: "together",
    model: "meta-llama/Llama-3.3-70B-Instruct-Turbo",
    aliases: ["llama-3.3-70b-turbo"],
    inputPricePer1MMicros: 880_000,
    outputPricePer1MMicros: 880_000,
    cachedInputPricePer1MMicros: null,
    contextWindow: 131_072,
  },
  {
    providerId: "xai",
    model: "grok-2-latest",
    aliases: ["grok-2"],
    inputPricePer1MMicros: 2_000_000,
    outputPricePer1MMicros: 10_000_000,
    cachedInputPricePer1MMicros: null,
    contextWindow: 131_072,
  },
  // Embedding models: input tokens only, list prices per 1M. OpenRouter serves OpenAI's
  // text-embedding-3-small under the same alias, so the alias fails over between the two
  // (same model, same vectors); no alias spans two models (see router/embedding-model.ts).
  {
    providerId: "openai",
    model: "text-embedding-3-small",
    aliases: ["text-embedding-3-small"],
    inputPricePer1MMicros: 20_000,
    outputPricePer1MMicros: 0,
    cachedInputPricePer1MMicros: null,
    contextWindow: 8_191,
    kind: "embedding",
  },
  {
    providerId: "openai",
    model: "text-embedding-3-large",
    aliases: ["text-embedding-3-large"],
    inputPricePer1MMicros: 130_000,
    outputPricePer1MMicros: 0,
    cachedInputPricePer1MMicros: null,
    contextWindow: 8_191,
    kind: "embedding",
  },
  {
    providerId: "openrouter",
    model: "openai/text-embedding-3-small",
    aliases: ["text-embedding-3-small"],
    inputPricePer1MMicros: 20_000,
    outputPricePer1MMicros: 0,
    cachedInputPricePer1MMicros: null,
    contextWindow: 8_191,
    kind: "embedding",
  },
  {
    providerId: "gemini",
    model: "gemini-embedding-001",
    aliases: ["gemini-embedding-001"],
    inputPricePer1MMicros: 150_000,
    outputPricePer1MMicros: 0,
    cachedInputPricePer1MMicros: null,
    contextWindow: 2_048,
    kind: "embedding",
  },
];

export interface DefaultPlan {
  name: string;
  monthlyFeeMicros: number;
  includedTokens: number;
  overagePricePer1MMicros: number;
  defaultRequestsPerMinute: number | null;
  /** False: past the included tokens the tenant gets 429 `quota_exceeded` (Free). */
  allowOverage: boolean;
}

/**
 * The list price ($5.00 per 1M tokens) is every plan's overage price. Pay as you go is
 * the default: no fee, nothing included, every token billed.
 */
export const DEFAULT_PLANS: readonly DefaultPlan[] = [
  {
    name: "Pay as you go",
    monthlyFeeMicros: 0,
    includedTokens: 0,
    overagePricePer1MMicros: 5_000_000,
    defaultRequestsPerMinute: null,
    allowOverage: true,
  },
  {
    name: "Free",
    monthlyFeeMicros: 0,
    includedTokens: 1_000_000,
    overagePricePer1MMicros: 5_000_000,
    defaultRequestsPerMinute: null,
    allowOverage: false,
  },
  {
    name: "Starter",
    monthlyFeeMicros: 9_000_000,
    includedTokens: 5_000_000,
    overagePricePer1MMicros: 5_000_000,
    defaultRequestsPerMinute: null,
    allowOverage: true,
  },
  {
    name: "Pro",
    monthlyFeeMicros: 29_000_000,
    includedTokens: 25_000_000,
    overagePricePer1MMicros: 5_000_000,
    defaultRequestsPerMinute: null,
    allowOverage: true,
  },
  {
    name: "Scale",
    monthlyFeeMicros: 99_000_000,
    includedTokens: 100_000_000,
    overagePricePer1MMicros: 5_000_000,
    defaultRequestsPerMinute: null,
    allowOverage: true,
  },
];

export const DEFAULT_PLAN_NAME = "Pay as you go";
