import { getPrisma } from "@/lib/db";
import { ApiError } from "@/lib/errors";

/**
 * A dashboard user's live sessions (neither ended nor expired), newest first, each with
 * where it signed in from and whether it is the caller's own (`current`).
 * @throws ApiError `not_found` when there is no such user
 */
export async function listDashboardSessions({
  userId,
  currentSessionId,
}: {
  userId: string;
  currentSessionId?: string;
}) {
  const prisma = getPrisma();
  const user = await prisma.adminUser.findUnique({ where: { id: userId }, select: { id: true } });
  if (!user)
    throw new ApiError("not_found", `No dashboard user with id '${userId}'.`, { param: "id" });
  const rows = await prisma.dashboardSession.findMany({
    where: { userId, endedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  return rows.map((s) => ({
    id: s.id.slice(0, 8),
    createdAt: s.createdAt,
    expiresAt: s.expiresAt,
    address: s.address,
    userAgent: s.userAgent,
    current: s.id === currentSessionId,
  }));
}
