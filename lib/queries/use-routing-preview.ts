"use client";

import { useQuery } from "@tanstack/react-query";
import { adminFetch, withQuery } from "./admin-fetch";

export interface RoutingPreview {
  model: string;
  tokens: { inputTokens: number; outputTokens: number };
  chosen: PreviewCandidate | null;
  candidates: PreviewCandidate[];
}

export interface PreviewCandidate {
  rank: number;
  model: string;
  deploymentId: string;
  provider: string;
  credential: string | null;
  inputPricePer1MMicros: number;
  outputPricePer1MMicros: number;
  expectedCostPicos: number;
  expectedCostMicros: number;
  breakerState: string;
  skipped: string | null;
  chosen: boolean;
}

/** GET /api/admin/routing/preview?model, refreshed every 5 s (breakers move). */
export function useRoutingPreview(model: string) {
  return useQuery({ queryKey: ["routing-preview", model], queryFn: ({ signal }) => adminFetch<RoutingPreview>(withQuery("/api/admin/routing/preview", { model }), { signal }), refetchInterval: 5_000 });
}
