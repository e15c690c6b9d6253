import type { ProviderKind } from "@/lib/gateway/providers/registry";
import { scopeOf, type ErrorClass, type UpstreamFailure } from "./error-class";
import { DECISIVE_CODES, GENERIC_CODES, TIMEOUT_TRANSPORT_CODES } from "./error-codes";
import { retryHintMs } from "./retry-hint";

export interface UpstreamOutcome {
  providerKind: ProviderKind;
  /** A connection, TLS or timeout error before or during the response. */
  transportError?: unknown;
  status?: number;
  headers?: Record<string, string | string[] | undefined>;
  /** Parsed JSON body, or the raw text when it was not JSON. */
  body?: unknown;
  /** The error arrived inside a 200 event stream. */
  inStream?: boolean;
}

interface ErrorFields {
  code?: string;
  type?: string;
  status?: string;
  /** Gemini and OpenRouter repeat the HTTP status as a number in `error.code`. */
  numericCode?: number;
  reasons: string[];
  details: unknown[];
  metadata?: Record<string, unknown>;
  message?: string;
}

/**
 * The one place where an upstream failure gets its class. Order matters: transport
 * errors, then the provider's decisive structured fields, then provider rules that
 * read the message where a code is shared by different failures, then the HTTP
 * status, and last the broad codes (only an error inside a 200 stream gets that far).
 * The status alone misleads: Gemini reports a bad key as 400, OpenAI an empty balance
 * as 429, Anthropic low credit as 400, OpenAI an overloaded model as 429.
 */
export function classifyUpstreamError(outcome: UpstreamOutcome): UpstreamFailure {
  if (outcome.transportError !== undefined) return fromTransport(outcome.transportError);
  const f = readErrorFields(outcome.body);
  const status = effectiveStatus(outcome.status, f);
  const cls =
    byCode(f, DECISIVE_CODES) ??
    fromProviderRules(f) ??
    fromStatus(status, f) ??
    byCode(f, GENERIC_CODES) ??
    "server_error";
  return finish(cls, outcome, f);
}

function finish(errorClass: ErrorClass, outcome: UpstreamOutcome, f: ErrorFields): UpstreamFailure {
  const failure: UpstreamFailure = { errorClass, scope: scopeOf(errorClass) };
  if (outcome.status !== undefined) failure.httpStatus = outcome.status;
  const code = reportedCode(errorClass, f);
  if (code) failure.code = code;
  if (f.message) failure.message = sanitizeMessage(f.message);
  if (errorClass === "rate_limit" || errorClass === "overloaded" || errorClass === "billing") {
    const hint = retryHintMs(outcome.headers, f.details, f.message);
    if (hint !== undefined) failure.retryAfterMs = hint;
  }
  return failure;
}

/** The field that explains the class, else the most specific one present. */
function reportedCode(cls: ErrorClass, f: ErrorFields): string | undefined {
  const candidates = [...f.reasons, f.code, f.type, f.status].filter((c): c is string => !!c);
  return candidates.find((c) => (DECISIVE_CODES[c] ?? GENERIC_CODES[c]) === cls) ?? candidates[0];
}

// Transport ------------------------------------------------------------------------

/**
 * undici throws its own errors from `Pool.request`; `fetch` wraps the same error as
 * `TypeError("fetch failed")` with it in `cause`. Walk the chain so both read alike.
 */
function fromTransport(err: unknown): UpstreamFailure {
  let timedOut = false;
  let code: string | undefined;
  let e = err as { code?: unknown; name?: unknown; cause?: unknown } | null | undefined;
  for (let depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const c = typeof e.code === "string" ? e.code : undefined;
    code ??= c;
    // AbortSignal.timeout() rejects with a DOMException named TimeoutError.
    if ((c && TIMEOUT_TRANSPORT_CODES.has(c)) || e.name === "TimeoutError") timedOut = true;
    e = e.cause as typeof e;
  }
  const errorClass: ErrorClass = timedOut ? "timeout" : "server_error";
  const failure: UpstreamFailure = { errorClass, scope: scopeOf(errorClass) };
  if (code) failure.code = code;
  const message = (err as { message?: unknown } | null)?.message;
  if (typeof message === "string" && message) failure.message = sanitizeMessage(message);
  return failure;
}

// Body -----------------------------------------------------------------------------

function readErrorFields(body: unknown): ErrorFields {
  const out: ErrorFields = { reasons: [], details: [] };
  if (typeof body === "string") {
    if (body.trim()) out.message = body;
    return out;
  }
  // Gemini behind Vertex / Code Assist wraps the error in a one-element array.
  if (Array.isArray(body) && body.length === 1) body = body[0];
  if (!body || typeof body !== "object") return out;
  const root = body as Record<string, unknown>;
  // OpenAI, DeepSeek, OpenRouter, Gemini: {error: {...}}; Anthropic: {type: "error", error: {...}}.
  const err = (typeof root.error === "object" && root.error !== null ? root.error : root) as Record<
    string,
    unknown
  >;
  if (typeof err.code === "string") out.code = err.code;
  if (typeof err.code === "number") out.numericCode = err.code;
  if (typeof err.type === "string") out.type = err.type;
  if (typeof err.status === "string") out.status = err.status;
  if (err.metadata && typeof err.metadata === "object")
    out.metadata = err.metadata as Record<string, unknown>;
  if (typeof err.message === "string") out.message = err.message;
  // Mistral nests FastAPI-style validation entries: {"message": {"detail": [...]}}.
  else if (err.message && typeof err.message === "object")
    out.message = detailText((err.message as { detail?: unknown }).detail);
  // FastAPI-style {"detail": "..."} or {"detail": [...]}, and a plain-string {"error": "..."}.
  else if (root.detail !== undefined) out.message = detailText(root.detail);
  else if (typeof root.error === "string") out.message = root.error;
  if (Array.isArray(err.details)) {
    out.details = err.details;
    for (const d of err.details) {
      const reason = (d as { reason?: unknown } | null)?.reason;
      if (typeof reason === "string") out.reasons.push(reason);
    }
  }
  return out;
}

/** FastAPI validation `detail`: a string, or entries of `{loc, msg}` joined as "loc: msg". */
function detailText(detail: unknown): string | undefined {
  if (typeof detail === "string") return detail || undefined;
  if (!Array.isArray(detail)) return undefined;
  const parts = detail.map((d) => {
    const entry = (d ?? {}) as { loc?: unknown; msg?: unknown };
    const loc = Array.isArray(entry.loc) ? entry.loc.join(".") : "";
    return typeof entry.msg === "string" ? (loc ? `${loc}: ${entry.msg}` : entry.msg) : "";
  });
  return parts.filter(Boolean).join("; ") || undefined;
}

/** An error inside a 200 stream still says which status it would have had. */
function effectiveStatus(status: number | undefined, f: ErrorFields): number | undefined {
  const inBody =
    f.numericCode !== undefined && f.numericCode >= 400 && f.numericCode < 600
      ? f.numericCode
      : undefined;
  return status === undefined || status < 400 ? inBody : status;
}

function byCode(
  f: ErrorFields,
  table: Readonly<Record<string, ErrorClass>>,
): ErrorClass | undefined {
  for (const c of [...f.reasons, f.code, f.type, f.status]) if (c && table[c]) return table[c];
  return undefined;
}

// Provider rules -------------------------------------------------------------------

const text = (f: ErrorFields) => f.message ?? "";

/** Message families, each matched on any status; see the rules below for examples. */
const ACCOUNT_REFUSED =
  /\b(?:organization|organisation|account|workspace|project)\b[^.]{0,40}?\b(?:has been|is|was)\s+(?:disabled|deactivated|suspended|banned|terminated|restricted)\b/i;
const SPEND_CAP =
  /\bkey limit exceeded\b|\blimit exceeded \((?:total|monthly|weekly|daily) limit\)|\b(?:reached|exceeded) (?:your |the )?(?:specified |monthly |daily )?(?:api )?(?:usage|spend(?:ing)?|budget|credit) limits?\b|\b(?:spend(?:ing)?|budget) (?:limit|cap) (?:exceeded|reached)\b|\binsufficient (?:funds|balance)\b|\bout of credits\b/i;
const BAD_KEY =
  /\b(?:incorrect|invalid|revoked|expired|disabled|unknown|wrong) (?:api[ _-]?key|x-api-key|key provided)\b|\bapi[ _-]?key (?:is )?(?:not valid|invalid|incorrect|revoked|expired|disabled)\b/i;

/**
 * Cases where the same code or status covers failures that need different handling,
 * so only the message tells them apart. First match wins.
 */
const PROVIDER_RULES: ReadonlyArray<{ when: (f: ErrorFields) => boolean; then: ErrorClass }> = [
  // Anthropic: an expired OAuth token is `authentication_error` like a bad key, but a
  // refresh fixes it; quarantining the credential would be wrong.
  {
    when: (f) => /oauth token has expired|token (?:has )?expired/i.test(text(f)),
    then: "transient_auth",
  },
  // An account-level refusal, whatever status carries it (Anthropic "This organization
  // has been disabled." as 400 invalid_request_error, Groq "Organization has been
  // restricted." as 400): the key will never work again.
  { when: (f) => ACCOUNT_REFUSED.test(text(f)), then: "permanent_auth" },
  // A spend cap or an empty balance, whatever status carries it (OpenRouter "Key limit
  // exceeded (total limit)" as 403, Anthropic "reached your specified API usage limits"
  // as 400): a person raises a limit, nobody rotates a key.
  { when: (f) => SPEND_CAP.test(text(f)), then: "billing" },
  // A bad key named in the message, whatever the status and body shape (xAI 400 with
  // `error` as a plain string, Gemini's OpenAI endpoint 400 INVALID_ARGUMENT without
  // an ErrorInfo reason).
  { when: (f) => BAD_KEY.test(text(f)), then: "permanent_auth" },
  // Gemini free tier with no quota at all for the model ("limit: 0"): waiting for the
  // RetryInfo delay cannot help, only enabling billing can.
  {
    when: (f) => f.status === "RESOURCE_EXHAUSTED" && /\blimit: 0\b/.test(text(f)),
    then: "billing",
  },
  // Gemini: "free tier is not available in your country. Please enable billing".
  {
    when: (f) => f.status === "FAILED_PRECONDITION" && /enable billing/i.test(text(f)),
    then: "billing",
  },
  // Gemini: "User location is not supported for the API use." The region is refused.
  {
    when: (f) => f.status === "FAILED_PRECONDITION" && /location|region|country/i.test(text(f)),
    then: "permanent_auth",
  },
  // Anthropic low credit (400 invalid_request_error), DeepSeek and OpenRouter balance
  // messages, and xAI's 403 "Your newly created teams doesn't have any credits yet. You
  // can purchase credits on https://console.x.ai/team/..." (a person buys credits; the
  // key itself is fine). Gemini's 429 also says "exceeded your current quota" but is a rate limit.
  {
    when: (f) =>
      /credit balance is too low|insufficient (?:balance|credits)|requires more credits|doesn't have any credits/i.test(
        text(f),
      ) ||
      (f.status !== "RESOURCE_EXHAUSTED" && /exceeded your current quota/i.test(text(f))),
    then: "billing",
  },
  // OpenAI 429 rate_limit_exceeded "Request too large for <model> ... on tokens per
  // min": this request alone exceeds the per-minute budget, so waiting never helps and
  // tripping the key would punish every other request on it.
  { when: (f) => /request too large for .+ per (?:min|day)/i.test(text(f)), then: "client_error" },
  // OpenAI answers an overloaded model as 429 or 503 with type server_error; Moonshot
  // as 429. Capacity on their side, not our credential's rate.
  {
    when: (f) =>
      /(?:model|engine|server) is currently overloaded|model is overloaded|experiencing high demand/i.test(
        text(f),
      ),
    then: "overloaded",
  },
  // OpenRouter 403 for a moderation flag: the input, not the key.
  {
    when: (f) => f.metadata?.flagged_input !== undefined || Array.isArray(f.metadata?.reasons),
    then: "client_error",
  },
];

function fromProviderRules(f: ErrorFields): ErrorClass | undefined {
  return PROVIDER_RULES.find((r) => r.when(f))?.then;
}

// Status ---------------------------------------------------------------------------

/**
 * A 401 is definitive only when the provider explains it (bad key, no key sent, no such
 * account); a bare one, like `{"detail":"Unauthorized"}`, may be a blip.
 */
const DEFINITIVE_AUTH_MESSAGE =
  /(invalid|incorrect|revoked|expired|disabled|unknown) .*key|api key .*(invalid|incorrect|revoked|expired|not valid)|authentication fails|user not found|no (?:cookie )?auth credentials|has been deactivated|didn't provide an api key|missing bearer|api-key header is required/i;

function fromStatus(status: number | undefined, f: ErrorFields): ErrorClass | undefined {
  switch (status) {
    case undefined:
      return undefined;
    case 401:
      return DEFINITIVE_AUTH_MESSAGE.test(text(f)) ? "permanent_auth" : "transient_auth";
    case 402:
      return "billing";
    case 403:
      return "permanent_auth";
    case 408:
    case 504:
      return "timeout";
    case 429:
      return "rate_limit";
    case 503:
    case 529:
      return "overloaded";
    default:
      if (status >= 500) return "server_error";
      if (status >= 400) return "client_error";
      return undefined;
  }
}

// Sanitising -----------------------------------------------------------------------

/**
 * Provider messages quote part of the key ("Incorrect API key provided: sk-proj-****MxYA",
 * DeepSeek "Your api key: ****fcc2 is invalid"); none of it may reach logs or clients.
 */
export function sanitizeMessage(message: string): string {
  const cleaned = message
    .replace(/(api key(?: provided)?:\s*)\S+/gi, "$1[redacted]")
    .replace(/\b(?:sk|pk|rk|fk)[-_][A-Za-z0-9*_-]{6,}/g, "[redacted]")
    .replace(/\bAIza[0-9A-Za-z_-]{10,}/g, "[redacted]")
    .replace(/\bBearer\s+\S+/gi, "Bearer [redacted]")
    .replace(/\S*\*{4,}\S*/g, "[redacted]")
    .replace(/\b[A-Za-z0-9_-]{32,}\b/g, "[redacted]");
  return cleaned.length > 300 ? cleaned.slice(0, 297) + "..." : cleaned;
}
