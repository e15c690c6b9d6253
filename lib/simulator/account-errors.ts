import type { ProviderErrorResponse } from "./provider-errors";

const JSON_HEADERS = { "content-type": "application/json" };

/**
 * Account-level answers that hide behind a status meaning something else (paraphrased
 * from public reports), each spreadable into a fault like PROVIDER_ERRORS:
 * a refusal as 400, a spend cap as 403, a bad key in a plain-string `error`.
 */
export const ACCOUNT_ERRORS = {
  anthropicOrganizationDisabled: {
    name: "anthropic.organizationDisabled",
    status: 400,
    headers: JSON_HEADERS,
    body: {
      type: "error",
      error: { type: "invalid_request_error", message: "This organization has been disabled." },
      request_id: "req_011CSimulatedRequest0002",
    },
  },
  openrouterKeyLimitExceeded: {
    name: "openrouter.keyLimitExceeded",
    status: 403,
    headers: JSON_HEADERS,
    body: {
      error: {
        message:
          "Key limit exceeded (total limit). Manage it using https://openrouter.ai/settings/keys",
        code: 403,
      },
    },
  },
  plainStringBadKey: {
    name: "openai.plainStringBadKey",
    status: 400,
    headers: JSON_HEADERS,
    body: {
      code: "Client specified an invalid argument",
      error: "Incorrect API key provided: xx***yy. You can obtain an API key from the console.",
    },
  },
} satisfies Record<string, ProviderErrorResponse>;
