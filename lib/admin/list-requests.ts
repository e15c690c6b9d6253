import type { RequestsQuery } from "@/lib/billing/billing-schemas";
import { listRequests as readRequests } from "@/lib/data/usage/list-requests";

/** One page of the request log (metadata only), newest first; pass `nextCursor` back for the next. */
export async function listRequests({ from, to, ...query }: RequestsQuery) {
  return readRequests({
    ...query,
    from: from ? Date.parse(from) : undefined,
    to: to ? Date.parse(to) : undefined,
  });
}
