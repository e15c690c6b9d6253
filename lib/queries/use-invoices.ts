"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  InvoiceGenerateSchema,
  InvoicesQuerySchema,
} from "@/lib/admin/invoices/invoice-schemas";
import type {
  GeneratedInvoicesWire,
  InvoiceListWire,
  InvoiceWire,
  IssuedInvoiceWire,
  SettledInvoiceWire,
} from "@/lib/admin/invoices/invoice-wire";
import { adminFetch, withQuery } from "./admin-fetch";

export type { InvoiceLineWire, InvoiceWire } from "@/lib/admin/invoices/invoice-wire";
export type InvoiceFilters = z.input<typeof InvoicesQuerySchema>;
export type InvoiceGenerateInput = z.input<typeof InvoiceGenerateSchema>;

/** GET /api/admin/invoices?tenantId&period&status */
export function useInvoices(filters: InvoiceFilters) {
  return useQuery({
    queryKey: ["invoices", filters],
    queryFn: ({ signal }) =>
      adminFetch<InvoiceListWire>(withQuery("/api/admin/invoices", { ...filters }), { signal }),
  });
}

/** GET /api/admin/invoices/{id} */
export function useInvoice(id: string) {
  return useQuery({
    queryKey: ["invoices", id],
    queryFn: ({ signal }) => adminFetch<InvoiceWire>(`/api/admin/invoices/${id}`, { signal }),
  });
}

/** POST /api/admin/invoices/generate `{period, tenantId?}` (idempotent). */
export function useGenerateInvoices() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: InvoiceGenerateInput) =>
      adminFetch<GeneratedInvoicesWire>("/api/admin/invoices/generate", {
        method: "POST",
        body: input,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["invoices"] }),
  });
}

/** POST /api/admin/invoices/{id}/issue|pay|void */
export function useInvoiceAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: "issue" | "pay" | "void") =>
      adminFetch<IssuedInvoiceWire | SettledInvoiceWire>(`/api/admin/invoices/${id}/${action}`, {
        method: "POST",
        body: {},
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["invoices"] }),
  });
}
