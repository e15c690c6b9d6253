import { apiErrorFromDatabase } from "@/lib/database/database-error";
import { ApiError, toErrorResponse } from "@/lib/errors";
import type { GatewayDeps } from "@/lib/gateway/gateway-deps";
import { handleApiRequest } from "@/lib/gateway/handle-api-request";
import { handleModels } from "@/lib/gateway/handle-models";
import { EMBEDDINGS_API } from "@/lib/gateway/inbound/embeddings/embeddings-api";
import { handleCountTokens } from "@/lib/gateway/inbound/messages/count-tokens";
import { toAnthropicError } from "@/lib/gateway/inbound/messages/error-shape";
import { MESSAGES_API } from "@/lib/gateway/inbound/messages/messages-api";
import { RESPONSES_API } from "@/lib/gateway/inbound/responses/responses-api";
import { routeOfPath, speaksAnthropic } from "@/lib/gateway/inbound/route-of-path";
import type { GatewayRequest, GatewayResponse } from "@/lib/gateway/http-types";
import { newRequestId } from "@/lib/gateway/request-id";
import { verifyCredential, type CredentialVerification } from "@/lib/gateway/verify-credential";
import { metrics } from "@/lib/observability/metrics";
import { quoteInput } from "@/lib/http/quote-input";

export interface Gateway {
  handle(req: GatewayRequest): Promise<GatewayResponse>;
  /** One minimal live request with a credential, around its breaker and the meter (see verify-credential.ts). */
  verifyCredential(credentialId: string): Promise<CredentialVerification>;
  /**
   * Shutdown, after the drain: ends every request still in flight as if its client had
   * gone, so each is metered (499 with the tokens seen) before the meter's last flush,
   * whether or not the door noticed its socket being cut.
   */
  cutAll(): void;
}

/** The transport-neutral core: `/v1/*` in, status + headers + body out. */
export function createGateway(deps: GatewayDeps): Gateway {
  let rotation = 0;
  const m = metrics();
  const shutdown = new AbortController();
  async function route(req: GatewayRequest, requestId: string): Promise<GatewayResponse> {
    try {
      if (req.path === "/v1/chat/completions") {
        if (req.method !== "POST") throw methodNotAllowed("POST");
        rotation = (rotation + 1) % 1_000_000;
        return await handleApiRequest(deps, req, requestId, rotation);
      }
      if (req.path === "/v1/messages") {
        if (req.method !== "POST") throw methodNotAllowed("POST");
        rotation = (rotation + 1) % 1_000_000;
        return await handleApiRequest(deps, req, requestId, rotation, MESSAGES_API);
      }
      if (req.path === "/v1/responses") {
        if (req.method !== "POST") throw methodNotAllowed("POST");
        rotation = (rotation + 1) % 1_000_000;
        return await handleApiRequest(deps, req, requestId, rotation, RESPONSES_API);
      }
      if (req.path === "/v1/embeddings") {
        if (req.method !== "POST") throw methodNotAllowed("POST");
        rotation = (rotation + 1) % 1_000_000;
        return await handleApiRequest(deps, req, requestId, rotation, EMBEDDINGS_API);
      }
      if (req.path === "/v1/messages/count_tokens") {
        if (req.method !== "POST") throw methodNotAllowed("POST");
        return await handleCountTokens(deps, req, requestId);
      }
      if (req.path === "/v1/models") {
        if (req.method !== "GET") throw methodNotAllowed("GET");
        return await handleModels(deps, req, requestId);
      }
      if (req.path.startsWith("/v1/models/")) {
        if (req.method !== "GET") throw methodNotAllowed("GET");
        return await handleModels(deps, req, requestId, modelIdOf(req.path));
      }
      throw new ApiError(
        "not_found",
        `Unknown endpoint ${quoteInput(`${req.method} ${req.path}`)}.`,
      );
    } catch (thrown) {
      // A database refusing a value is a 400, a database away a 503 with Retry-After: never a 500.
      const err = thrown instanceof ApiError ? thrown : (apiErrorFromDatabase(thrown) ?? thrown);
      // Unexpected errors are logged by message only: a stack per failed request is how disks fill.
      if (!(err instanceof ApiError))
        deps.log.error({ requestId, err: (err as Error)?.message }, "unexpected gateway error");
      const { status, headers, body } = errorIn(req.path, err);
      return {
        status,
        headers: {
          ...deps.extraHeaders,
          ...headers,
          "x-request-id": requestId,
          "content-type": "application/json",
        },
        body: JSON.stringify(body),
      };
    }
  }
  return {
    verifyCredential: (credentialId) => verifyCredential(deps, credentialId),
    cutAll: () => shutdown.abort(),
    async handle(incoming) {
      const started = performance.now();
      const req = {
        ...incoming,
        signal: AbortSignal.any([incoming.signal, shutdown.signal]),
      };
      const res = await route(req, newRequestId());
      const { route: routeLabel, api } = routeOfPath(req.path);
      m.requests.inc({ route: routeLabel, api, status: String(res.status) });
      m.latency.observe({ route: routeLabel }, (performance.now() - started) / 1000);
      return res;
    },
  };
}

function methodNotAllowed(allowed: string): ApiError {
  return new ApiError("method_not_allowed", `Method not allowed; use ${allowed}.`, {
    headers: { allow: allowed },
  });
}

/** `/v1/models/{id}`: the id may hold a slash (`provider/model`), sent raw or percent-encoded. */
function modelIdOf(path: string): string {
  const raw = path.slice("/v1/models/".length);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** An error in the shape of the API the path belongs to: Anthropic's on `/v1/messages`, else OpenAI's. */
function errorIn(
  path: string,
  err: unknown,
): { status: number; headers: Record<string, string>; body: unknown } {
  return speaksAnthropic(path) ? toAnthropicError(err, Date.now()) : toErrorResponse(err);
}

/**
 * The door's answer to a body over the limit, before the core ever sees it, in the shape
 * of the API the path belongs to.
 */
export function requestTooLarge(limitBytes: number, path = ""): GatewayResponse {
  const { status, body } = errorIn(
    path,
    new ApiError(
      "request_too_large",
      `Request body exceeds the ${Math.round(limitBytes / 1024 / 1024)} MiB limit.`,
    ),
  );
  // Every error carries a request id, this one too, although the core never saw the request.
  return {
    status,
    headers: { "content-type": "application/json", "x-request-id": newRequestId() },
    body: JSON.stringify(body),
  };
}
