import type { Invoice, InvoiceLine } from "@/lib/generated/prisma/client";
import { formatMicros } from "@/lib/billing/money";

/** An invoice as the admin API shows it: integer micro-dollars and readable totals. */
export function invoiceView(invoice: Invoice & { lines: InvoiceLine[] }) {
  return {
    id: invoice.id,
    number: invoice.number,
    tenantId: invoice.tenantId,
    period: invoice.period,
    status: invoice.status,
    currency: invoice.currency,
    planId: invoice.planId,
    planName: invoice.planName,
    totalMicros: Number(invoice.totalMicros),
    total: formatMicros(invoice.totalMicros).replace(/(\.\d{2})0000$/, "$1"),
    createdAt: invoice.createdAt.toISOString(),
    issuedAt: invoice.issuedAt?.toISOString() ?? null,
    paidAt: invoice.paidAt?.toISOString() ?? null,
    voidedAt: invoice.voidedAt?.toISOString() ?? null,
    lines: [...invoice.lines]
      .sort((a, b) => a.position - b.position)
      .map((l) => ({
        kind: l.kind,
        description: l.description,
        quantity: Number(l.quantity),
        unitMicros: Number(l.unitMicros),
        amountMicros: Number(l.amountMicros),
        amount: formatMicros(l.amountMicros),
      })),
  };
}

export type InvoiceView = ReturnType<typeof invoiceView>;
