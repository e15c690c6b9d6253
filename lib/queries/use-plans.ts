"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { PlanUpdateSchema } from "@/lib/admin/plans/plan-schemas";
import type { PlanListWire, PlanUpdatedWire } from "@/lib/admin/plans/plan-wire";
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

/** A plan edit, as `PATCH /api/admin/plans/{id}` takes it (omitted fields stay). */
export type PlanChange = z.input<typeof PlanUpdateSchema>;

/** PATCH /api/admin/plans/{id}: fee, included tokens, overage price and default limits. */
export function useUpdatePlan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: PlanChange }) =>
      adminFetch<PlanUpdatedWire>(`/api/admin/plans/${id}`, { method: "PATCH", body: change }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ["plans"] });
      void client.invalidateQueries({ queryKey: ["tenants"] });
    },
  });
}
