import type { TokenUsage } from "@/lib/billing/token-usage";
import type {
  Catalog,
  CatalogCredential,
  CatalogDeployment,
  CatalogProvider,
} from "@/lib/gateway/catalog";
import type { ChatCompletionRequest } from "@/lib/gateway/chat-request";
import { classifyUpstreamError } from "@/lib/gateway/errors/classify-upstream-error";
import type { UpstreamFailure } from "@/lib/gateway/errors/error-class";
import type { GatewayDeps } from "@/lib/gateway/gateway-deps";
import { expectedCostPicos } from "@/lib/gateway/router/rank-candidates";
import { parseJsonOrText, readBodyText } from "@/lib/gateway/upstream/sse-events";

const MAX_BODY = 64 * 1024;

/** What one minimal call found: the failure (null on a clean 2xx), the status and the usage the provider reported. */
export interface MinimalCallOutcome {
  failure: UpstreamFailure | null;
  /** Upstream HTTP status; null when no answer came. */
  status: number | null;
  /** Usage as the provider reported it on a 2xx; null otherwise or when absent. */
  usage: TokenUsage | null;
}

/**
 * The provider's cheapest chat deployment by expected price for one input and one output
 * token (ties by public name), or undefined when it has none in the catalogue. Embedding
 * deployments are never probed: the minimal call is a chat message.
 */
export function cheapestDeployment(
  catalog: Catalog,
  providerId: string,
): CatalogDeployment | undefined {
  return catalog.deployments
    .filter((d) => d.providerId === providerId && d.kind === "chat")
    .map((deployment) => ({
      deployment,
      cost: expectedCostPicos(deployment, { inputTokens: 1, outputTokens: 1 }),
    }))
    .sort(
      (a, b) => a.cost - b.cost || a.deployment.publicName.localeCompare(b.deployment.publicName),
    )[0]?.deployment;
}

/**
 * The cheapest call that proves a path works: one user message ("Hi") and
 * `max_tokens: 1` to `deployment` with `credential`, within `timeoutMs` (ms). Shared by
 * a person's verification and the breakers' timer probes. Never throws: a transport
 * error or a failure inside a 2xx comes back classified.
 */
export async function sendMinimalCall(
  deps: Pick<GatewayDeps, "adapters" | "upstream">,
  provider: CatalogProvider,
  credential: CatalogCredential,
  deployment: CatalogDeployment,
  timeoutMs: number,
): Promise<MinimalCallOutcome> {
  const request: ChatCompletionRequest = {
    model: deployment.publicName,
    messages: [{ role: "user", content: "Hi" }],
    max_tokens: 1,
  };
  const adapter = deps.adapters[provider.kind];
  const ctx = {
    providerId: provider.id,
    baseUrl: provider.baseUrl,
    apiKey: credential.apiKey,
    upstreamModel: deployment.model,
    request,
    stream: false,
  };
  const call = adapter.buildCall(ctx);
  const kind = provider.kind;
  const signal = AbortSignal.timeout(timeoutMs);
  let res;
  try {
    res = await deps.upstream.post(call.url, call.headers, call.body, signal, timeoutMs);
  } catch (transportError) {
    return {
      failure: classifyUpstreamError({ providerKind: kind, transportError }),
      status: null,
      usage: null,
    };
  }
  let body: unknown;
  try {
    body = parseJsonOrText(await readBodyText(res.body, MAX_BODY));
  } catch (transportError) {
    res.body.destroy();
    return {
      failure: classifyUpstreamError({ providerKind: kind, transportError }),
      status: res.status,
      usage: null,
    };
  }
  if (res.status < 200 || res.status >= 300)
    return {
      failure: classifyUpstreamError({
        providerKind: kind,
        status: res.status,
        headers: res.headers,
        body,
      }),
      status: res.status,
      usage: null,
    };
  let parsed: ReturnType<typeof adapter.parseResponse> | undefined;
  try {
    parsed = adapter.parseResponse(body, ctx);
  } catch {
    // An answer we cannot read still proves the key and the provider answered.
    parsed = undefined;
  }
  // Some providers report a failure inside a 200.
  const inBand =
    parsed?.error?.body ??
    (body &&
    typeof body === "object" &&
    "error" in body &&
    !("choices" in body) &&
    !("candidates" in body) &&
    !("content" in body)
      ? body
      : undefined);
  if (inBand !== undefined)
    return {
      failure: classifyUpstreamError({
        providerKind: kind,
        status: res.status,
        headers: res.headers,
        body: inBand,
        inStream: true,
      }),
      status: res.status,
      usage: null,
    };
  return { failure: null, status: res.status, usage: parsed?.usage ?? null };
}
