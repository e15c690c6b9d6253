"use client";

import { useQuery } from "@tanstack/react-query";
import type { PreviewCandidate, routingPreview } from "@/lib/admin/routing-preview";
import { adminFetch, withQuery } from "./admin-fetch";

/** The answer as the server builds it (`lib/admin/routing-preview.ts`): every field is JSON already. */
export type RoutingPreview = ReturnType<typeof routingPreview>;
export type { PreviewCandidate };

/** GET /api/admin/routing/preview?model, refreshed every 5 s (breakers move). */
export function useRoutingPreview(model: string) {
  return useQuery({
    queryKey: ["routing-preview", model],
    queryFn: ({ signal }) =>
      adminFetch<RoutingPreview>(withQuery("/api/admin/routing/preview", { model }), { signal }),
    refetchInterval: 5_000,
  });
}
