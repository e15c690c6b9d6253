import { getPrisma } from "@/lib/db";

/** Ids of drafts of periods up to and including `period` (`YYYY-MM` compares in order). */
export async function listDraftInvoices({
  throughPeriod,
}: {
  throughPeriod: string;
}): Promise<string[]> {
  const rows = await getPrisma().invoice.findMany({
    where: { status: "draft", period: { lte: throughPeriod } },
    select: { id: true },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => r.id);
}
