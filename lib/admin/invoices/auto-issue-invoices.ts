import { periodOf, previousPeriod } from "@/lib/billing/period";
import { finalizeInvoice } from "./finalize-invoice";
import { listDraftInvoices } from "./list-draft-invoices";
import { generateInvoices } from "./generate-invoices";

/**
 * Issues last month's invoices once its grace period has passed (so usage journaled
 * late has arrived): regenerates the month's drafts, then issues every draft of that
 * month or earlier. Safe with several instances: generation and issuing are idempotent
 * and serialised per invoice in Postgres, and the caller runs this under one
 * cluster-wide advisory lock.
 * @returns the numbers issued
 */
export async function autoIssueInvoices({
  now,
  graceMs,
}: {
  now: number;
  graceMs: number;
}): Promise<string[]> {
  const last = previousPeriod(periodOf(now));
  if (now < last.end + graceMs) return [];
  await generateInvoices({ period: last.name });
  const issued: string[] = [];
  for (const id of await listDraftInvoices({ throughPeriod: last.name })) {
    const invoice = await finalizeInvoice({ id, actor: "system:auto-issue" });
    if (invoice.number) issued.push(invoice.number);
  }
  return issued;
}
