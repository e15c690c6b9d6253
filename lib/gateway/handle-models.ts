import type { GatewayDeps } from "@/lib/gateway/gateway-deps";
import type { GatewayRequest, GatewayResponse } from "@/lib/gateway/http-types";
import { AUTO_MODEL, isDeploymentAllowed } from "@/lib/gateway/router/resolve-deployments";
import { ApiError } from "@/lib/errors";
import { bearerToken } from "@/lib/gateway/keys/api-key";

/**
 * GET /v1/models: what this key may ask for, chat and embedding models alike (as OpenAI
 * lists both), in OpenAI's list shape, `auto` when some chat model is there; with `modelId`,
 * GET /v1/models/{id}: that one model (the `openai` client's `models.retrieve`).
 * @throws ApiError 401 for a bad key; 404 `model_not_found` for a model the key cannot use.
 */
export async function handleModels(
  deps: GatewayDeps,
  req: GatewayRequest,
  requestId: string,
  modelId?: string,
): Promise<GatewayResponse> {
  const key = await deps.authenticate(bearerToken(req.header("authorization")));
  const catalog = deps.catalog();
  const data: { id: string; object: "model"; created: number; owned_by: string }[] = [];
  const seen = new Set<string>();
  const add = (id: string, ownedBy: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    data.push({ id, object: "model", created: 0, owned_by: ownedBy });
  };
  const usable = catalog.deployments.filter((d) => {
    const provider = catalog.providers.get(d.providerId);
    return (
      provider?.enabled && deps.adapters[provider.kind] && isDeploymentAllowed(d, key.allowedModels)
    );
  });
  // `auto` routes chat; on /v1/embeddings it serves only a key narrowed to one model.
  if (usable.some((d) => d.kind === "chat")) add(AUTO_MODEL, "gateway");
  for (const d of usable) {
    add(d.publicName, d.providerId);
    for (const alias of d.aliases) add(alias, "gateway");
  }
  let body: unknown = { object: "list", data };
  if (modelId !== undefined) {
    body = data.find((m) => m.id === modelId);
    if (!body)
      throw new ApiError(
        "not_found",
        `The model '${modelId}' does not exist or you do not have access to it.`,
        {
          param: "model",
          details: { code: "model_not_found" },
        },
      );
  }
  return {
    status: 200,
    headers: {
      ...deps.extraHeaders,
      ...deps.limits?.peek?.(key, Date.now()),
      "content-type": "application/json",
      "x-request-id": requestId,
    },
    body: JSON.stringify(body),
  };
}
