"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { adminFetch } from "./admin-fetch";

export interface PriceRow {
  id: string;
  deploymentId?: string;
  provider?: string;
  providerId?: string;
  model: string;
  enabled: boolean;
  inputPricePer1MMicros: number;
  outputPricePer1MMicros: number;
  cachedInputPricePer1MMicros?: number | null;
  billedPricePer1MMicros?: number | null;
  belowCost?: boolean;
}

export interface PriceChange {
  deploymentId: string;
  inputPricePer1MMicros?: number;
  outputPricePer1MMicros?: number;
  billedPricePer1MMicros?: number | null;
}

const KEY = ["prices"] as const;

/** GET /api/admin/prices: deployments and their per-1M-token prices. */
export function usePrices() {
  return useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => adminFetch<{ data: PriceRow[] }>("/api/admin/prices", { signal }),
  });
}

/** PUT /api/admin/prices `{prices: [...]}`: several changes in one audited transaction. */
export function useUpdatePrices() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (prices: PriceChange[]) =>
      adminFetch("/api/admin/prices", { method: "PUT", body: { prices } }),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}

/** PATCH /api/admin/deployments/{id} `{enabled}` */
export function useSetDeploymentEnabled() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, enabled }: { id: string; enabled: boolean }) =>
      adminFetch(`/api/admin/deployments/${id}`, { method: "PATCH", body: { enabled } }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: KEY });
      void client.invalidateQueries({ queryKey: ["routing-preview"] });
    },
  });
}
