"use client";

import { useQuery } from "@tanstack/react-query";
import type { PlanListWire } from "@/lib/admin/plans/plan-wire";
import { adminFetch } from "./admin-fetch";

/** One plan of the plan list (money in micro-dollars, as a number or, past 2^53, a string). */
export type PlanRow = PlanListWire["data"][number];

/** GET /api/admin/plans */
export function usePlans() {
  return useQuery({
    queryKey: ["plans"],
    queryFn: ({ signal }) => adminFetch<PlanListWire>("/api/admin/plans", { signal }),
    staleTime: 60_000,
  });
}
