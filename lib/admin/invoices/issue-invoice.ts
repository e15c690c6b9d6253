import { parsePeriod } from "@/lib/billing/period";
import { getInvoice } from "./get-invoice";
import { finalizeInvoice } from "./finalize-invoice";
import { ApiError } from "@/lib/errors";
import { generateInvoices } from "./generate-invoices";

/**
 * A person issues a draft: under the next gapless number, immutable afterwards.
 * Only once its month has ended (UTC): issued earlier, the rest of the month's usage
 * would be billed on no invoice. The draft is brought up to date with the month's usage
 * first, so usage that arrived after it was generated is on it.
 * An invoice already issued is returned as it is.
 * @throws ApiError `not_found`; `conflict` for a month still running, or a paid or void invoice
 */
export async function issueInvoice({
  id,
  actor,
  now = Date.now(),
}: {
  id: string;
  actor: string;
  now?: number;
}) {
  const invoice = await getInvoice({ id });
  if (invoice.status === "draft") {
    const month = parsePeriod(invoice.period);
    if (now < month.end) {
      throw new ApiError(
        "conflict",
        `Invoice '${id}' is for ${invoice.period}, which has not ended: it can be issued from ${new Date(month.end).toISOString()} (usage until then belongs on it).`,
      );
    }
    await generateInvoices({ period: invoice.period, tenantId: invoice.tenantId });
  }
  return finalizeInvoice({ id, actor });
}
