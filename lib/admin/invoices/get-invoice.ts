import { getPrisma } from "@/lib/db";
import { ApiError } from "@/lib/errors";
import { invoiceView } from "./invoice-view";

/** @throws ApiError not_found */
export async function getInvoice({ id }: { id: string }) {
  const invoice = await getPrisma().invoice.findUnique({ where: { id }, include: { lines: true } });
  if (!invoice) throw new ApiError("not_found", `No invoice with id '${id}'.`);
  return invoiceView(invoice);
}
