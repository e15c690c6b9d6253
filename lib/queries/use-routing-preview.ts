"use client";

import { useQuery } from "@tanstack/react-query";
import type { RoutingPreviewWire } from "@/lib/admin/routing/routing-wire";
import { adminFetch, withQuery } from "./admin-fetch";

/** GET /api/admin/routing/preview?model, refreshed every 5 s (breakers move). */
export function useRoutingPreview(model: string) {
  return useQuery({
    queryKey: ["routing-preview", model],
    queryFn: ({ signal }) =>
      adminFetch<RoutingPreviewWire>(withQuery("/api/admin/routing/preview", { model }), {
        signal,
      }),
    refetchInterval: 5_000,
  });
}
