import { parseEmbeddingsRequest } from "@/lib/gateway/embeddings-request";
import { bearerToken } from "@/lib/gateway/keys/api-key";
import type { EmbeddingsRead } from "@/lib/gateway/pipeline/embeddings-work";
import type { InboundApi } from "../inbound-api";

/**
 * `POST /v1/embeddings`: OpenAI's Embeddings API. Read into embeddings work (no chat
 * request), answered in OpenAI's shape as the upstream's translator wrote it; errors in
 * OpenAI's shape like every OpenAI-compatible path.
 */
export const EMBEDDINGS_API: InboundApi<EmbeddingsRead> = {
  name: "embeddings",
  token: (req) => bearerToken(req.header("authorization")),
  read(req) {
    return {
      kind: "embedding",
      request: parseEmbeddingsRequest(req.body),
      // Admission reserves the input alone: an embedding has no output tokens.
      estimate: { inputTokens: Math.ceil((req.body?.length ?? 0) / 4), outputTokens: 0 },
    };
  },
};
