/**
 * The one closed set of errors the product returns, each with its HTTP status and
 * OpenAI-shaped `type`. Anything thrown that is not an ApiError becomes a generic 500
 * with no internals.
 */
export const ERROR_CODES = {
  invalid_request_error: { status: 400, type: "invalid_request_error" },
  invalid_json: { status: 400, type: "invalid_request_error" },
  model_not_found: { status: 400, type: "invalid_request_error" },
  invalid_api_key: { status: 401, type: "invalid_request_error" },
  unauthorized: { status: 401, type: "authentication_error" },
  model_not_allowed: { status: 403, type: "permission_error" },
  forbidden: { status: 403, type: "permission_error" },
  tenant_suspended: { status: 403, type: "permission_error" },
  not_found: { status: 404, type: "invalid_request_error" },
  method_not_allowed: { status: 405, type: "invalid_request_error" },
  conflict: { status: 409, type: "invalid_request_error" },
  request_too_large: { status: 413, type: "invalid_request_error" },
  verification_failed: { status: 422, type: "invalid_request_error" },
  unsupported_media_type: { status: 415, type: "invalid_request_error" },
  rate_limit_exceeded: { status: 429, type: "rate_limit_error" },
  quota_exceeded: { status: 429, type: "insufficient_quota" },
  upstream_client_error: { status: 400, type: "invalid_request_error" },
  no_provider_available: { status: 503, type: "service_unavailable" },
  service_unavailable: { status: 503, type: "service_unavailable" },
  upstream_error: { status: 502, type: "api_error" },
  internal_error: { status: 500, type: "api_error" },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

// The product's code is loaded twice under `npm start`: once by our own server, once
// inside Next's bundle. An ApiError made by one copy is not an instance of the other
// copy's class, so it is recognised by a brand every copy shares (Symbol.for).
const API_ERROR_BRAND = Symbol.for("llm-gateway.api-error");

/** Whether `value` is an ApiError from any copy of this module (see the brand above). */
export function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { [API_ERROR_BRAND]?: unknown })[API_ERROR_BRAND] === true
  );
}

export class ApiError extends Error {
  readonly [API_ERROR_BRAND] = true;
  readonly code: ErrorCode;
  readonly param: string | null;
  readonly status: number;
  readonly headers: Record<string, string>;
  /** Extra fields placed inside `error` (e.g. the providers tried). */
  readonly details?: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    opts: {
      param?: string | null;
      status?: number;
      headers?: Record<string, string>;
      details?: Record<string, unknown>;
    } = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.param = opts.param ?? null;
    this.status = opts.status ?? ERROR_CODES[code].status;
    this.headers = opts.headers ?? {};
    this.details = opts.details;
  }

  /**
   * `instanceof ApiError` holds for an ApiError of any copy of this module; a subclass
   * (`instanceof ClientClosedError`) keeps the ordinary prototype check.
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    if (this === ApiError) return isApiError(value);
    return Function.prototype[Symbol.hasInstance].call(this, value);
  }

  toBody(): OpenAIErrorBody {
    return {
      error: {
        message: this.message,
        type: ERROR_CODES[this.code].type,
        param: this.param,
        code: this.code,
        ...this.details,
      },
    };
  }
}

/** Converts anything thrown into a status and an OpenAI-shaped body, never leaking internals. */
export function toErrorResponse(err: unknown): {
  status: number;
  headers: Record<string, string>;
  body: OpenAIErrorBody;
} {
  if (isApiError(err)) return { status: err.status, headers: err.headers, body: err.toBody() };
  return {
    status: 500,
    headers: {},
    body: {
      error: {
        message: "Internal server error.",
        type: "api_error",
        param: null,
        code: "internal_error",
      },
    },
  };
}
