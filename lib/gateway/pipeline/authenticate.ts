import type { GatewayDeps } from "@/lib/gateway/gateway-deps";
import type { GatewayRequest } from "@/lib/gateway/http-types";
import { bearerToken } from "@/lib/gateway/keys/api-key";
import type { TenantKey } from "@/lib/gateway/keys/tenant-key";

/**
 * The tenant key behind the request: from `Authorization: Bearer` unless the caller's API
 * reads it elsewhere (Anthropic's `x-api-key`).
 * @throws ApiError 401 `invalid_api_key` for a missing, unknown, revoked or expired key.
 */
export function authenticate(
  deps: Pick<GatewayDeps, "authenticate">,
  req: GatewayRequest,
  readToken: (req: GatewayRequest) => string | undefined = (r) =>
    bearerToken(r.header("authorization")),
): Promise<TenantKey> {
  return deps.authenticate(readToken(req));
}
