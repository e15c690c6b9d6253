"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { adminFetch, withQuery } from "./admin-fetch";

export interface InvoiceLine {
  /** `fee`, `overage` and `rounding` lines add up to the total; `info` lines are a breakdown beside it. */
  kind?: string;
  description: string;
  quantity: number;
  unitMicros: number;
  amountMicros: number;
}

export interface Invoice {
  id: string;
  /** null while the invoice is a draft. */
  number: string | null;
  tenantId: string;
  tenantName?: string | null;
  period: string;
  status: "draft" | "issued" | "paid" | "void";
  currency: string;
  totalMicros: number;
  total: string;
  issuedAt?: string | null;
  createdAt?: string | null;
  lines?: InvoiceLine[];
  tenant?: { id: string; name: string } | null;
}

export interface InvoiceFilters {
  tenantId?: string;
  period?: string;
  status?: string;
}

/** GET /api/admin/invoices?tenantId&period&status */
export function useInvoices(filters: InvoiceFilters) {
  return useQuery({
    queryKey: ["invoices", filters],
    queryFn: ({ signal }) =>
      adminFetch<{ data: Invoice[] }>(withQuery("/api/admin/invoices", { ...filters }), { signal }),
  });
}

/** GET /api/admin/invoices/{id} */
export function useInvoice(id: string) {
  return useQuery({
    queryKey: ["invoices", id],
    queryFn: ({ signal }) =>
      adminFetch<Invoice & { lines: InvoiceLine[] }>(`/api/admin/invoices/${id}`, { signal }),
  });
}

/** POST /api/admin/invoices/generate `{period, tenantId?}` (idempotent). */
export function useGenerateInvoices() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { period: string; tenantId?: string }) =>
      adminFetch<unknown>("/api/admin/invoices/generate", { method: "POST", body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["invoices"] }),
  });
}

/** POST /api/admin/invoices/{id}/issue|pay|void */
export function useInvoiceAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: "issue" | "pay" | "void") =>
      adminFetch<unknown>(`/api/admin/invoices/${id}/${action}`, { method: "POST", body: {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["invoices"] }),
  });
}
