"use client";

import { useQuery } from "@tanstack/react-query";
import type { OverviewWire } from "@/lib/admin/overview/overview-wire";
import { adminFetch } from "./admin-fetch";

export type Overview = OverviewWire;

/** GET /api/admin/overview, refreshed every 5 s. */
export function useOverview() {
  return useQuery({
    queryKey: ["overview"],
    queryFn: ({ signal }) => adminFetch<OverviewWire>("/api/admin/overview", { signal }),
    refetchInterval: 5_000,
  });
}
