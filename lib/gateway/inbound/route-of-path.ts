import type { ApiName } from "./inbound-api";

/** The `/v1` paths the core serves, as a bounded metrics label, with the API each belongs to. */
const ROUTES: Record<string, ApiName | "none"> = {
  "/v1/chat/completions": "chat",
  "/v1/messages": "messages",
  "/v1/messages/count_tokens": "messages",
  "/v1/responses": "responses",
  "/v1/embeddings": "embeddings",
  "/v1/models": "none",
};

/**
 * The metrics labels of a request path: its route (`other` for anything unknown, so a
 * scan of random paths cannot grow the label set) and the API it came in by.
 */
export function routeOfPath(path: string): { route: string; api: ApiName | "none" } {
  const api = ROUTES[path];
  if (api) return { route: path, api };
  if (path.startsWith("/v1/models/")) return { route: "/v1/models/{id}", api: "none" };
  return { route: "other", api: "none" };
}

/** Whether errors on this path take Anthropic's shape rather than OpenAI's. */
export function speaksAnthropic(path: string): boolean {
  return path === "/v1/messages" || path.startsWith("/v1/messages/");
}
