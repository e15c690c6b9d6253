"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { DeploymentUpdatedWire } from "@/lib/admin/deployments/deployment-wire";
import type { PriceChangeSchema } from "@/lib/admin/prices/price-schemas";
import type { PriceListWire, PriceRowWire, PricesUpdatedWire } from "@/lib/admin/prices/price-wire";
import { adminFetch, withQuery } from "./admin-fetch";

export type PriceRow = PriceRowWire;
/** One deployment's change, as `PUT /api/admin/prices` takes it. */
export type PriceChange = z.input<typeof PriceChangeSchema>;

const KEY = ["prices"] as const;

/** GET /api/admin/prices[?kind]: deployments (of one kind, or all) and their per-1M-token prices. */
export function usePrices(kind?: "chat" | "embedding") {
  return useQuery({
    queryKey: [...KEY, kind ?? "all"],
    queryFn: ({ signal }) =>
      adminFetch<PriceListWire>(withQuery("/api/admin/prices", { kind }), { signal }),
  });
}

/** PUT /api/admin/prices `{prices: [...]}`: several changes in one audited transaction. */
export function useUpdatePrices() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (prices: PriceChange[]) =>
      adminFetch<PricesUpdatedWire>("/api/admin/prices", { method: "PUT", body: { prices } }),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}

/** PATCH /api/admin/deployments/{id} `{enabled}` */
export function useSetDeploymentEnabled() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, enabled }: { id: string; enabled: boolean }) =>
      adminFetch<DeploymentUpdatedWire>(`/api/admin/deployments/${id}`, {
        method: "PATCH",
        body: { enabled },
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: KEY });
      void client.invalidateQueries({ queryKey: ["routing-preview"] });
      void client.invalidateQueries({ queryKey: ["deployments"] });
    },
  });
}
