"use client";

import { useQuery } from "@tanstack/react-query";
import type { RoutingPreviewWire } from "@/lib/admin/routing/routing-wire";
import { adminFetch, withQuery } from "./admin-fetch";

/**
 * GET /api/admin/routing/preview?model&kind, refreshed every 5 s (breakers move). `kind`:
 * the request it previews, a chat completion or an embeddings call (they never share a route).
 */
export function useRoutingPreview(model: string, kind: "chat" | "embedding" = "chat") {
  return useQuery({
    queryKey: ["routing-preview", model, kind],
    queryFn: ({ signal }) =>
      adminFetch<RoutingPreviewWire>(withQuery("/api/admin/routing/preview", { model, kind }), {
        signal,
      }),
    refetchInterval: 5_000,
  });
}
