import { issueInvoice as issue } from "@/lib/data/invoices/issue-invoice";

/**
 * Issues a draft under the next gapless number; immutable afterwards. Throws ApiError
 * `not_found`, or `conflict` for a paid or void invoice.
 */
export async function issueInvoice({ id, actor }: { id: string; actor: string }) {
  return issue({ id, actor });
}
