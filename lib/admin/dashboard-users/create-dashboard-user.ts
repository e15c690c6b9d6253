import { recordAuditEvent } from "@/lib/admin/audit/record-audit-event";
import { getPrisma } from "@/lib/db";
import { ApiError } from "@/lib/errors";
import { toDashboardUser } from "./to-dashboard-user";

/**
 * Adds a dashboard user with an already hashed password; audited with its actor.
 * Throws `conflict` (409) when the email is taken.
 */
export async function createDashboardUser({
  email,
  name,
  passwordHash,
  actor,
}: {
  email: string;
  name?: string;
  passwordHash: string;
  actor: string;
}) {
  const prisma = getPrisma();
  const normalized = email.trim().toLowerCase();
  return prisma.$transaction(async (tx) => {
    if (await tx.adminUser.findUnique({ where: { email: normalized } }))
      throw new ApiError(
        "conflict",
        `A dashboard user with email '${normalized}' already exists.`,
        { param: "email" },
      );
    const user = await tx.adminUser.create({
      data: { email: normalized, name: name ?? null, passwordHash, createdBy: actor },
    });
    await recordAuditEvent(
      {
        actor,
        action: "dashboard_user.created",
        targetType: "dashboard_user",
        targetId: user.id,
        details: { email: normalized },
      },
      tx,
    );
    return toDashboardUser(user);
  });
}
