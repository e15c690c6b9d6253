import type { ChatCompletionRequest } from "@/lib/gateway/chat-request";
import type { GatewayDeps } from "@/lib/gateway/gateway-deps";
import type { InboundRender } from "@/lib/gateway/inbound/inbound-api";
import { meteredChat } from "@/lib/gateway/metering/metered-request";
import { planCandidates } from "./plan-candidates";
import type { ChatRequestRead } from "./read-chat-request";
import type { RoutedWork } from "./routed-work";

/**
 * A chat completion as the pipeline's work: routed to chat deployments that can serve
 * what it asks for (plan-candidates.ts), sent through each provider's chat adapter, and
 * answered in the caller's API (`render`, absent for Chat Completions itself).
 */
export function chatWork(
  deps: Pick<GatewayDeps, "catalog" | "adapters">,
  { request, estimate }: ChatRequestRead,
  render?: InboundRender,
): RoutedWork<ChatCompletionRequest> {
  return {
    metered: meteredChat(request),
    estimate,
    labels: { user: request.user, metadata: request.metadata },
    plan: (key, rotation, skipped) =>
      planCandidates(deps, key, request, estimate, rotation, skipped),
    job: {
      model: request.model,
      request,
      stream: request.stream === true,
      clientWantsUsage: request.stream_options?.include_usage === true,
      adapterFor: (kind) => deps.adapters[kind],
    },
    render,
  };
}
