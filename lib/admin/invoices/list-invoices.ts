import { getPrisma } from "@/lib/db";
import type { InvoiceStatus } from "@/lib/generated/prisma/client";
import { invoiceView } from "./invoice-view";

/** Invoices, newest period first, filtered by tenant, period and status (deleted tenants' included). */
export async function listInvoices({
  tenantId,
  period,
  status,
}: {
  tenantId?: string;
  period?: string;
  status?: InvoiceStatus;
}) {
  const rows = await getPrisma().invoice.findMany({
    where: { tenantId, period, status },
    include: { lines: true },
    orderBy: [{ period: "desc" }, { createdAt: "desc" }],
    take: 1000,
  });
  return { data: rows.map(invoiceView) };
}
