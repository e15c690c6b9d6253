import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Holds the catalogue's naming lock until the transaction ends, so two writes checked
 * at the same moment (the same alias as chat on one instance, as embedding on another)
 * are checked one after the other and cannot both pass.
 */
export async function lockCatalogueNames(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('gateway:catalogue-names'))`;
}
