"use client";

import { useQuery } from "@tanstack/react-query";
import { adminFetch } from "./admin-fetch";

export interface Plan {
  id: string;
  name: string;
  monthlyFeeMicros: number;
  includedTokens: number;
  overagePricePer1MMicros: number;
  defaultRequestsPerMinute: number | null;
  defaultTokensPerMinute: number | null;
  defaultMonthlyTokenQuota: number | null;
}

/** GET /api/admin/plans */
export function usePlans() {
  return useQuery({
    queryKey: ["plans"],
    queryFn: ({ signal }) => adminFetch<{ data: Plan[] }>("/api/admin/plans", { signal }),
    staleTime: 60_000,
  });
}
