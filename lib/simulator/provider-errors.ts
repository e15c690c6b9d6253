/**
 * Error responses as the real providers send them, copied from recorded responses and
 * provider documentation (bodies, statuses and the headers that matter for retry logic).
 * Each entry spreads straight into a fault:
 *
 *   simulator.control.setFault({ match: { key }, ...PROVIDER_ERRORS.openai.invalidApiKey });
 *
 * The classifier must tell these apart by body, not by status alone (a bad Gemini key is a
 * 400, an exhausted OpenAI quota is a 429, low Anthropic credit is a 400), so the bodies are
 * kept verbatim rather than simplified.
 */

export interface ProviderErrorResponse {
  /** Label shown in fault listings. */
  name: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

const JSON_HEADERS = { "content-type": "application/json" } as const;

function openaiError(
  message: string,
  type: string,
  code: string | null,
  param: string | null = null,
) {
  return { error: { message, type, param, code } };
}

function anthropicError(type: string, message: string) {
  return { type: "error", error: { type, message }, request_id: "req_011CSimulatedRequest0001" };
}

function googleError(code: number, status: string, message: string, details?: unknown[]) {
  return { error: details ? { code, message, status, details } : { code, message, status } };
}

const GEMINI_SERVICE = "generativelanguage.googleapis.com";

const openai = {
  invalidApiKey: {
    name: "openai.invalidApiKey",
    status: 401,
    headers: { ...JSON_HEADERS },
    body: openaiError(
      "Incorrect API key provided: sk-proj-********************************************sim1. You can find your API key at https://platform.openai.com/account/api-keys.",
      "invalid_request_error",
      "invalid_api_key",
    ),
  },
  missingApiKey: {
    name: "openai.missingApiKey",
    status: 401,
    headers: { ...JSON_HEADERS },
    body: openaiError(
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username. You can obtain an API key from https://platform.openai.com/account/api-keys.",
      "invalid_request_error",
      null,
    ),
  },
  rateLimited: {
    name: "openai.rateLimited",
    status: 429,
    headers: {
      ...JSON_HEADERS,
      "x-ratelimit-limit-tokens": "30000",
      "x-ratelimit-remaining-tokens": "0",
      "x-ratelimit-reset-tokens": "9.8s",
    },
    body: openaiError(
      "Rate limit reached for gpt-4o-mini in organization org-SimulatedOrg0001 on tokens per min (TPM): Limit 30000, Used 28039, Requested 3906. Please try again in 9.8s. Visit https://platform.openai.com/account/rate-limits to learn more.",
      "tokens",
      "rate_limit_exceeded",
    ),
  },
  insufficientQuota: {
    name: "openai.insufficientQuota",
    status: 429,
    headers: { ...JSON_HEADERS },
    body: openaiError(
      "You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.",
      "insufficient_quota",
      "insufficient_quota",
    ),
  },
  contextLengthExceeded: {
    name: "openai.contextLengthExceeded",
    status: 400,
    headers: { ...JSON_HEADERS },
    body: openaiError(
      "This model's maximum context length is 128000 tokens. However, your messages resulted in 140004 tokens. Please reduce the length of the messages.",
      "invalid_request_error",
      "context_length_exceeded",
      "messages",
    ),
  },
  modelNotFound: {
    name: "openai.modelNotFound",
    status: 404,
    headers: { ...JSON_HEADERS },
    body: openaiError(
      "The model `gpt-sim-unknown` does not exist or you do not have access to it.",
      "invalid_request_error",
      "model_not_found",
    ),
  },
  unsupportedRegion: {
    name: "openai.unsupportedRegion",
    status: 403,
    headers: { ...JSON_HEADERS },
    body: {
      error: {
        code: "unsupported_country_region_territory",
        message: "Country, region, or territory not supported",
        param: null,
        type: "request_forbidden",
      },
    },
  },
  serverError: {
    name: "openai.serverError",
    status: 500,
    headers: { ...JSON_HEADERS },
    body: openaiError(
      "The server had an error while processing your request. Sorry about that!",
      "server_error",
      null,
    ),
  },
  overloaded: {
    name: "openai.overloaded",
    status: 503,
    headers: { ...JSON_HEADERS },
    body: openaiError(
      "The engine is currently overloaded, please try again later",
      "server_error",
      null,
    ),
  },
} satisfies Record<string, ProviderErrorResponse>;

const anthropic = {
  authenticationError: {
    name: "anthropic.authenticationError",
    status: 401,
    headers: { ...JSON_HEADERS },
    body: anthropicError("authentication_error", "invalid x-api-key"),
  },
  missingApiKey: {
    name: "anthropic.missingApiKey",
    status: 401,
    headers: { ...JSON_HEADERS },
    body: anthropicError("authentication_error", "x-api-key header is required"),
  },
  permissionError: {
    name: "anthropic.permissionError",
    status: 403,
    headers: { ...JSON_HEADERS },
    body: anthropicError(
      "permission_error",
      "Your API key does not have permission to use the specified resource.",
    ),
  },
  rateLimitError: {
    name: "anthropic.rateLimitError",
    status: 429,
    headers: {
      ...JSON_HEADERS,
      "retry-after": "10",
      "anthropic-ratelimit-input-tokens-remaining": "0",
    },
    body: anthropicError(
      "rate_limit_error",
      "This request would exceed the rate limit for your organization (a22cf6e6-0000-4fff-8c4c-simulated0001) of 50,000 input tokens per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later. You may also contact sales at https://www.anthropic.com/contact-sales to discuss your options for a rate limit increase.",
    ),
  },
  overloadedError: {
    name: "anthropic.overloadedError",
    status: 529,
    headers: { ...JSON_HEADERS, "x-should-retry": "true" },
    body: anthropicError("overloaded_error", "Overloaded"),
  },
  creditBalanceTooLow: {
    name: "anthropic.creditBalanceTooLow",
    status: 400,
    headers: { ...JSON_HEADERS },
    body: anthropicError(
      "invalid_request_error",
      "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.",
    ),
  },
  apiError: {
    name: "anthropic.apiError",
    status: 500,
    headers: { ...JSON_HEADERS },
    body: anthropicError("api_error", "Internal server error"),
  },
} satisfies Record<string, ProviderErrorResponse>;

const gemini = {
  apiKeyInvalid: {
    name: "gemini.apiKeyInvalid",
    status: 400,
    headers: { ...JSON_HEADERS },
    body: googleError(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", [
      {
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        reason: "API_KEY_INVALID",
        domain: "googleapis.com",
        metadata: { service: GEMINI_SERVICE },
      },
      {
        "@type": "type.googleapis.com/google.rpc.LocalizedMessage",
        locale: "en-US",
        message: "API key not valid. Please pass a valid API key.",
      },
    ]),
  },
  resourceExhausted: {
    name: "gemini.resourceExhausted",
    status: 429,
    headers: { ...JSON_HEADERS },
    body: googleError(
      429,
      "RESOURCE_EXHAUSTED",
      "You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.",
      [
        {
          "@type": "type.googleapis.com/google.rpc.QuotaFailure",
          violations: [
            {
              quotaMetric: "generativelanguage.googleapis.com/generate_content_free_tier_requests",
              quotaId: "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
              quotaDimensions: { location: "global", model: "gemini-2.0-flash" },
              quotaValue: "15",
            },
          ],
        },
        {
          "@type": "type.googleapis.com/google.rpc.Help",
          links: [
            {
              description: "Learn more about Gemini API quotas",
              url: "https://ai.google.dev/gemini-api/docs/rate-limits",
            },
          ],
        },
        { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "9s" },
      ],
    ),
  },
  permissionDenied: {
    name: "gemini.permissionDenied",
    status: 403,
    headers: { ...JSON_HEADERS },
    body: googleError(
      403,
      "PERMISSION_DENIED",
      "Permission denied: Consumer 'api_key:AIzaSySimulatedKey0000000000000000sim1' has been suspended.",
      [
        {
          "@type": "type.googleapis.com/google.rpc.ErrorInfo",
          reason: "CONSUMER_SUSPENDED",
          domain: "googleapis.com",
          metadata: { consumer: "projects/000000000001", service: GEMINI_SERVICE },
        },
      ],
    ),
  },
  unregisteredCaller: {
    name: "gemini.unregisteredCaller",
    status: 403,
    headers: { ...JSON_HEADERS },
    body: googleError(
      403,
      "PERMISSION_DENIED",
      "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
    ),
  },
  unavailable: {
    name: "gemini.unavailable",
    status: 503,
    headers: { ...JSON_HEADERS },
    body: googleError(503, "UNAVAILABLE", "The model is overloaded. Please try again later."),
  },
  internal: {
    name: "gemini.internal",
    status: 500,
    headers: { ...JSON_HEADERS },
    body: googleError(
      500,
      "INTERNAL",
      "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting",
    ),
  },
} satisfies Record<string, ProviderErrorResponse>;

const deepseek = {
  insufficientBalance: {
    name: "deepseek.insufficientBalance",
    status: 402,
    headers: { ...JSON_HEADERS },
    body: {
      error: {
        message: "Insufficient Balance",
        type: "unknown_error",
        param: null,
        code: "invalid_request_error",
      },
    },
  },
  authenticationFails: {
    name: "deepseek.authenticationFails",
    status: 401,
    headers: { ...JSON_HEADERS },
    body: {
      error: {
        message: "Authentication Fails, Your api key: ****sim1 is invalid",
        type: "authentication_error",
        param: null,
        code: "invalid_request_error",
      },
    },
  },
} satisfies Record<string, ProviderErrorResponse>;

const openrouter = {
  insufficientCredits: {
    name: "openrouter.insufficientCredits",
    status: 402,
    headers: { ...JSON_HEADERS },
    body: {
      error: {
        message:
          "This request requires more credits, or fewer max_tokens. You requested up to 4096 tokens, but can only afford 222. To increase, visit https://openrouter.ai/settings/credits and upgrade to a paid account",
        code: 402,
        metadata: { provider_name: null },
      },
      user_id: "user_SimulatedUser0001",
    },
  },
  noAuthCredentials: {
    name: "openrouter.noAuthCredentials",
    status: 401,
    headers: { ...JSON_HEADERS },
    body: { error: { message: "No auth credentials found", code: 401 } },
  },
} satisfies Record<string, ProviderErrorResponse>;

export const PROVIDER_ERRORS = { openai, anthropic, gemini, deepseek, openrouter } as const;

/**
 * In-stream error payloads: what a provider sends inside a 200 SSE stream when it fails
 * after the first byte. Each format module frames these in its own wire format.
 */
export const STREAM_ERRORS = {
  openai: openaiError(
    "The server had an error while processing your request. Sorry about that!",
    "server_error",
    null,
  ),
  anthropic: { type: "error", error: { type: "overloaded_error", message: "Overloaded" } },
  gemini: googleError(503, "UNAVAILABLE", "The model is overloaded. Please try again later."),
} as const;
