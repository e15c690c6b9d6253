import { recordAuditEvent } from "@/lib/admin/audit/record-audit-event";
import { getPrisma } from "@/lib/db";
import { ApiError } from "@/lib/errors";

/**
 * "Sign out everywhere": ends every live session of a dashboard user on every instance
 * (the caller's own too, when it is theirs), audited with the actor.
 * Returns `{ ended }`, the number of sessions ended.
 * @throws ApiError `not_found` when there is no such user
 */
export async function signOutEverywhere({ userId, actor }: { userId: string; actor: string }) {
  return getPrisma().$transaction(async (tx) => {
    const user = await tx.adminUser.findUnique({ where: { id: userId } });
    if (!user)
      throw new ApiError("not_found", `No dashboard user with id '${userId}'.`, { param: "id" });
    const { count } = await tx.dashboardSession.updateMany({
      where: { userId, endedAt: null },
      data: { endedAt: new Date() },
    });
    await recordAuditEvent(
      {
        actor,
        action: "dashboard_user.sign_out_everywhere",
        targetType: "dashboard_user",
        targetId: userId,
        details: { email: user.email, ended: count },
      },
      tx,
    );
    return { ended: count };
  });
}
