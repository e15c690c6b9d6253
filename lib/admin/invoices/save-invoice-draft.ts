import { getPrisma } from "@/lib/db";
import type { InvoiceDraft } from "@/lib/billing/invoice-lines";
import type { PlanTerms } from "@/lib/billing/plan-for-month";
import { invoiceView } from "./invoice-view";

/**
 * Stores a tenant's draft for a period, under a transaction-scoped advisory lock on
 * (tenant, period) so concurrent generations on several instances agree. An invoice
 * already issued or paid is returned untouched (immutable); a draft whose lines are the
 * same is left as it is (re-generation changes nothing); a void one is ignored, so a
 * corrected invoice can follow it.
 */
export async function saveInvoiceDraft({
  tenantId,
  period,
  plan,
  draft,
}: {
  tenantId: string;
  period: string;
  plan: PlanTerms;
  draft: InvoiceDraft;
}) {
  const invoice = await getPrisma().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`invoice:${tenantId}:${period}`}))`;
    const existing = await tx.invoice.findFirst({
      where: { tenantId, period, status: { not: "void" } },
      include: { lines: true },
      orderBy: { createdAt: "desc" },
    });
    const lines = draft.lines.map((l, position) => ({
      position,
      kind: l.kind,
      description: l.description,
      quantity: l.quantity,
      unitMicros: l.unitMicros,
      amountMicros: l.amountMicros,
    }));
    if (existing && existing.status !== "draft") return existing;
    if (existing) {
      const same =
        existing.totalMicros === draft.totalMicros &&
        existing.planId === plan.id &&
        existing.lines.length === lines.length &&
        [...existing.lines]
          .sort((a, b) => a.position - b.position)
          .every((l, i) => {
            const n = lines[i]!;
            return (
              l.kind === n.kind &&
              l.description === n.description &&
              l.quantity === n.quantity &&
              l.unitMicros === n.unitMicros &&
              l.amountMicros === n.amountMicros
            );
          });
      if (same) return existing;
      await tx.invoiceLine.deleteMany({ where: { invoiceId: existing.id } });
      return tx.invoice.update({
        where: { id: existing.id },
        data: {
          planId: plan.id,
          planName: plan.name,
          totalMicros: draft.totalMicros,
          lines: { create: lines },
        },
        include: { lines: true },
      });
    }
    return tx.invoice.create({
      data: {
        tenantId,
        period,
        status: "draft",
        planId: plan.id,
        planName: plan.name,
        totalMicros: draft.totalMicros,
        lines: { create: lines },
      },
      include: { lines: true },
    });
  });
  return invoiceView(invoice);
}
