import { bearerToken } from "@/lib/gateway/keys/api-key";
import { readChatRequest } from "@/lib/gateway/pipeline/read-chat-request";
import type { InboundApi } from "./inbound-api";

/** OpenAI's Chat Completions, the core's own language: read as it is, answered as it is. */
export const CHAT_API: InboundApi = {
  name: "chat",
  token: (req) => bearerToken(req.header("authorization")),
  read: readChatRequest,
};
