import { getPrisma } from "@/lib/db";

/**
 * Tenants that held a plan at some moment before `end` (epoch ms): every tenant that
 * may owe something for a month ending then, deleted ones included (their usage and
 * invoices stay).
 */
export async function listBillableTenants({
  end,
  tenantId,
}: {
  end: number;
  tenantId?: string;
}): Promise<string[]> {
  const rows = await getPrisma().tenantPlanChange.findMany({
    where: { effectiveAt: { lt: new Date(end) }, tenantId },
    distinct: ["tenantId"],
    select: { tenantId: true },
  });
  return rows.map((r) => r.tenantId);
}
