import { settleInvoice as settle } from "@/lib/data/invoices/settle-invoice";

/** Marks an invoice paid or void (a void one keeps its number). Throws ApiError `not_found` or `conflict`. */
export async function settleInvoice({
  id,
  action,
  actor,
}: {
  id: string;
  action: "pay" | "void";
  actor: string;
}) {
  return settle({ id, action, actor });
}
