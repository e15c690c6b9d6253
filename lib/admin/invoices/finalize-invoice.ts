import { getPrisma } from "@/lib/db";
import { ApiError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/admin/audit/record-audit-event";
import { invoiceView } from "./invoice-view";

/**
 * Finalizes a draft as it stands (the person's path, `issueInvoice`, refreshes it
 * first): gives it the next number of the issue year (`INV-YYYY-NNNNNN`) from a
 * counter row updated in the same transaction, so numbers are gapless (a rolled-back
 * issue takes no number) and never shared. From here the invoice never changes.
 * Issuing an invoice that is already issued returns it as it is.
 * @throws ApiError not_found, or conflict for a paid or void invoice
 */
export async function finalizeInvoice({
  id,
  actor,
  now = new Date(),
}: {
  id: string;
  actor: string;
  now?: Date;
}) {
  const invoice = await getPrisma().$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<
      { status: string }[]
    >`SELECT "status"::text FROM "Invoice" WHERE "id" = ${id} FOR UPDATE`;
    if (!locked) throw new ApiError("not_found", `No invoice with id '${id}'.`);
    if (locked.status === "issued")
      return tx.invoice.findUniqueOrThrow({ where: { id }, include: { lines: true } });
    if (locked.status !== "draft")
      throw new ApiError(
        "conflict",
        `Invoice '${id}' is ${locked.status}; only a draft can be issued.`,
      );
    const year = now.getUTCFullYear();
    const [counter] = await tx.$queryRaw<{ last: number }[]>`
      INSERT INTO "InvoiceCounter" ("year", "last") VALUES (${year}, 1)
      ON CONFLICT ("year") DO UPDATE SET "last" = "InvoiceCounter"."last" + 1 RETURNING "last"`;
    const number = `INV-${year}-${String(counter!.last).padStart(6, "0")}`;
    const issued = await tx.invoice.update({
      where: { id },
      data: { status: "issued", number, issuedAt: now },
      include: { lines: true },
    });
    await recordAuditEvent(
      {
        actor,
        action: "invoice.issued",
        targetType: "invoice",
        targetId: id,
        details: {
          number,
          tenantId: issued.tenantId,
          period: issued.period,
          totalMicros: Number(issued.totalMicros),
        },
      },
      tx,
    );
    return issued;
  });
  return invoiceView(invoice);
}
