import type { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/db";

export interface AuditEventInput {
  actor: string;
  action: string;
  targetType: string;
  targetId?: string;
  details?: Prisma.InputJsonValue;
}

/** Who did what, when: key issued or revoked, breaker closed, price changed, invoice issued. */
export async function recordAuditEvent(
  input: AuditEventInput,
  tx: Prisma.TransactionClient = getPrisma(),
): Promise<void> {
  await tx.auditEvent.create({ data: input });
}
