import type { ErrorClass } from "./error-class";

/**
 * Provider codes that settle the class on their own, whatever the HTTP status says.
 * Looked up in `error.code`, `error.type`, Gemini `error.status` and Gemini
 * `details[].reason` (google.rpc.ErrorInfo). Each entry was seen in a recorded body
 * (see __fixtures__) or is listed in the provider's error documentation.
 */
export const DECISIVE_CODES: Readonly<Record<string, ErrorClass>> = {
  // OpenAI
  invalid_api_key: "permanent_auth",
  account_deactivated: "permanent_auth",
  organization_deactivated: "permanent_auth",
  unsupported_country_region_territory: "permanent_auth",
  insufficient_quota: "billing",
  billing_hard_limit_reached: "billing",
  billing_not_active: "billing",
  context_length_exceeded: "client_error",
  model_not_found: "client_error",
  string_above_max_length: "client_error",
  // Anthropic (`error.type`). `authentication_error` is not here: an expired OAuth
  // token uses the same type and is only a transient failure.
  permission_error: "permanent_auth",
  billing_error: "billing",
  overloaded_error: "overloaded",
  api_error: "server_error",
  not_found_error: "client_error",
  request_too_large: "client_error",
  // Gemini ErrorInfo reasons and statuses. RESOURCE_EXHAUSTED is not here: a
  // free-tier "limit: 0" quota uses it too and is a billing matter.
  API_KEY_INVALID: "permanent_auth",
  API_KEY_SERVICE_BLOCKED: "permanent_auth",
  CONSUMER_SUSPENDED: "permanent_auth",
  PERMISSION_DENIED: "permanent_auth",
  BILLING_DISABLED: "billing",
  UNAVAILABLE: "overloaded",
  INTERNAL: "server_error",
  DEADLINE_EXCEEDED: "timeout",
  NOT_FOUND: "client_error",
  // OpenAI-compatible providers (Moonshot, OpenRouter gateways, Groq).
  engine_overloaded_error: "overloaded",
  insufficient_credits: "billing",
  organization_restricted: "permanent_auth",
  // Failure finish reasons inside a 2xx answer, as the adapters report them.
  insufficient_system_resource: "overloaded",
  MALFORMED_FUNCTION_CALL: "server_error",
  UNEXPECTED_TOOL_CALL: "server_error",
  TOO_MANY_TOOL_CALLS: "server_error",
  MALFORMED_RESPONSE: "server_error",
  MISSING_THOUGHT_SIGNATURE: "server_error",
};

/**
 * Codes too broad to beat the HTTP status (`invalid_request_error` covers Anthropic's
 * low-credit 400 and OpenAI's keyless 401; `server_error` covers OpenAI's "model is
 * currently overloaded"). They decide only when no error status exists, i.e. for an
 * error that arrived inside a 200 stream.
 */
export const GENERIC_CODES: Readonly<Record<string, ErrorClass>> = {
  authentication_error: "permanent_auth",
  UNAUTHENTICATED: "transient_auth",
  rate_limit_exceeded: "rate_limit",
  rate_limit_error: "rate_limit",
  RESOURCE_EXHAUSTED: "rate_limit",
  server_error: "server_error",
  invalid_request_error: "client_error",
  INVALID_ARGUMENT: "client_error",
  FAILED_PRECONDITION: "client_error",
};

/** Transport error codes that mean "too slow", as opposed to "broken". */
export const TIMEOUT_TRANSPORT_CODES: ReadonlySet<string> = new Set([
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "ETIMEDOUT",
  "ESOCKETTIMEDOUT",
  "ERR_SOCKET_CONNECTION_TIMEOUT",
]);
