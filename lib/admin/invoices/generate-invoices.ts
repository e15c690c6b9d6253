import { buildInvoiceLines } from "@/lib/billing/invoice-lines";
import { parsePeriod } from "@/lib/billing/period";
import { planForMonth } from "@/lib/billing/plan-for-month";
import { listBillableTenants } from "./list-billable-tenants";
import { loadPlanChanges } from "./load-plan-changes";
import { meterTenantMonth } from "./meter-tenant-month";
import { saveInvoiceDraft } from "./save-invoice-draft";
import type { InvoiceView } from "./invoice-view";

/**
 * Builds or refreshes the drafts of a month (`YYYY-MM`, UTC) for one tenant or every
 * tenant that held a plan in it. Idempotent: running it again changes nothing unless
 * usage changed, and never touches an issued or paid invoice. The month is billed on
 * the highest-fee plan held in it, with that plan's included tokens consumed in request
 * order and the rest charged at each request's stored billed price.
 */
export async function generateInvoices({
  period,
  tenantId,
}: {
  period: string;
  tenantId?: string;
}): Promise<{ data: InvoiceView[] }> {
  const month = parsePeriod(period);
  const tenants = await listBillableTenants({ end: month.end, tenantId });
  const data: InvoiceView[] = [];
  for (const id of tenants) {
    const plan = planForMonth(await loadPlanChanges({ tenantId: id }), month.start, month.end);
    if (!plan) continue;
    const meter = await meterTenantMonth({
      tenantId: id,
      start: month.start,
      end: month.end,
      includedTokens: plan.includedTokens,
    });
    const draft = buildInvoiceLines({
      plan,
      totalTokens: meter.totalTokens,
      overageTokens: meter.overageTokens,
      overagePicos: meter.overagePicos,
      breakdown: meter.breakdown(),
    });
    data.push(await saveInvoiceDraft({ tenantId: id, period, plan, draft }));
  }
  return { data };
}
