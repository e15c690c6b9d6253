import { getPrisma } from "@/lib/db";
import { ApiError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/admin/audit/record-audit-event";
import { invoiceView } from "./invoice-view";

const ALLOWED = { pay: ["issued"], void: ["draft", "issued", "paid"] } as const;

/**
 * Marks an invoice paid (from issued) or void (from draft, issued or paid). A void
 * invoice keeps its number, so numbering stays gapless; a corrected invoice for the
 * same tenant and month can then be generated and issued under a new number.
 * @throws ApiError not_found, or conflict when the status does not allow it
 */
export async function settleInvoice({
  id,
  action,
  actor,
}: {
  id: string;
  action: "pay" | "void";
  actor: string;
}) {
  const invoice = await getPrisma().$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<
      { status: string }[]
    >`SELECT "status"::text FROM "Invoice" WHERE "id" = ${id} FOR UPDATE`;
    if (!locked) throw new ApiError("not_found", `No invoice with id '${id}'.`);
    if (!(ALLOWED[action] as readonly string[]).includes(locked.status)) {
      throw new ApiError(
        "conflict",
        `Invoice '${id}' is ${locked.status}; it cannot be ${action === "pay" ? "paid" : "voided"}.`,
      );
    }
    const now = new Date();
    const updated = await tx.invoice.update({
      where: { id },
      data: action === "pay" ? { status: "paid", paidAt: now } : { status: "void", voidedAt: now },
      include: { lines: true },
    });
    await recordAuditEvent(
      {
        actor,
        action: action === "pay" ? "invoice.paid" : "invoice.voided",
        targetType: "invoice",
        targetId: id,
        details: { number: updated.number, tenantId: updated.tenantId, period: updated.period },
      },
      tx,
    );
    return updated;
  });
  return invoiceView(invoice);
}
