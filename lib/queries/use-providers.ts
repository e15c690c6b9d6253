"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { BreakerNoteSchema } from "@/lib/admin/credentials/credential-schemas";
import type {
  ProviderBreakerWire,
  ProviderListWire,
  ProviderWire,
} from "@/lib/admin/providers/provider-wire";
import { adminFetch } from "./admin-fetch";

export type ProviderBreaker = ProviderWire;
export type ProviderCredential = ProviderWire["credentials"][number];

const KEY = ["providers"] as const;

/** GET /api/admin/providers: each provider's breaker above its credentials, refreshed every 3 s. */
export function useProviders() {
  return useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => adminFetch<ProviderListWire>("/api/admin/providers", { signal }),
    refetchInterval: 3_000,
  });
}

/**
 * POST /api/admin/providers/{id}/close or `.../open` `{note}`: a person closes a
 * provider's breaker or forces it open. Refreshes the providers, credentials and overview.
 */
export function useSetProviderBreaker() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      to,
      note,
    }: { id: string; to: "closed" | "open" } & z.input<typeof BreakerNoteSchema>) =>
      adminFetch<ProviderBreakerWire>(
        `/api/admin/providers/${encodeURIComponent(id)}/${to === "closed" ? "close" : "open"}`,
        { method: "POST", body: { note } },
      ),
    onSettled: () =>
      Promise.all(
        [KEY, ["credentials"], ["overview"]].map((queryKey) =>
          client.invalidateQueries({ queryKey }),
        ),
      ),
  });
}
