import { recordAuditEvent } from "@/lib/admin/audit/record-audit-event";
import { getPrisma } from "@/lib/db";
import { ApiError } from "@/lib/errors";
import { toDashboardUser } from "./to-dashboard-user";

export type DashboardUserChange =
  | { kind: "disable" }
  | { kind: "enable" }
  | { kind: "reset_password"; passwordHash: string }
  | { kind: "rename"; name: string | null };

/**
 * Disables, enables, renames a dashboard user or resets their password; audited with
 * the actor. A disable or a reset ends every stored session the user holds and bumps the
 * session version (which also refuses cookies issued before stored sessions existed). Throws `not_found`, or `conflict` when the last enabled user would be disabled.
 */
export async function updateDashboardUser({
  id,
  change,
  actor,
}: {
  id: string;
  change: DashboardUserChange;
  actor: string;
}) {
  return getPrisma().$transaction(async (tx) => {
    const user = await tx.adminUser.findUnique({ where: { id } });
    if (!user)
      throw new ApiError("not_found", `No dashboard user with id '${id}'.`, { param: "id" });
    if (change.kind === "disable" && user.disabledAt === null) {
      const enabled = await tx.adminUser.count({ where: { disabledAt: null } });
      if (enabled <= 1)
        throw new ApiError(
          "conflict",
          "This is the last enabled dashboard user; add another before disabling it.",
        );
    }
    const data =
      change.kind === "disable"
        ? { disabledAt: user.disabledAt ?? new Date(), sessionVersion: { increment: 1 } }
        : change.kind === "enable"
          ? { disabledAt: null }
          : change.kind === "reset_password"
            ? { passwordHash: change.passwordHash, sessionVersion: { increment: 1 } }
            : { name: change.name };
    const updated = await tx.adminUser.update({ where: { id }, data });
    if (change.kind === "disable" || change.kind === "reset_password")
      await tx.dashboardSession.updateMany({
        where: { userId: id, endedAt: null },
        data: { endedAt: new Date() },
      });
    await recordAuditEvent(
      {
        actor,
        action: `dashboard_user.${change.kind}`,
        targetType: "dashboard_user",
        targetId: id,
        details: { email: user.email },
      },
      tx,
    );
    return toDashboardUser(updated);
  });
}
