/** What went wrong upstream, in the terms the breakers and the router act on. */
export const ERROR_CLASSES = [
  "permanent_auth",
  "transient_auth",
  "billing",
  "rate_limit",
  "overloaded",
  "server_error",
  "timeout",
  "client_error",
] as const;

export type ErrorClass = (typeof ERROR_CLASSES)[number];

/** Which breaker a failure counts against. */
export type FailureScope = "credential" | "provider" | "none";

export function scopeOf(errorClass: ErrorClass): FailureScope {
  switch (errorClass) {
    case "permanent_auth":
    case "transient_auth":
    case "billing":
    case "rate_limit":
      return "credential";
    case "overloaded":
    case "server_error":
    case "timeout":
      return "provider";
    case "client_error":
      return "none";
    default: {
      const unreachable: never = errorClass;
      return unreachable;
    }
  }
}

export interface UpstreamFailure {
  errorClass: ErrorClass;
  scope: FailureScope;
  /** Upstream HTTP status, absent for transport errors. */
  httpStatus?: number;
  /** The provider's own code or type, e.g. `invalid_api_key`, `API_KEY_INVALID`. */
  code?: string;
  /** The provider's message with anything key-like removed, cut short. */
  message?: string;
  /** How long the provider asked us to wait, when it said. */
  retryAfterMs?: number;
}
