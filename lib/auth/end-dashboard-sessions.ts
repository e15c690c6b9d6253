import { getPrisma } from "@/lib/db";

/**
 * Ends stored sessions: one (`id`, sign-out) or every live one of a user (`userId`,
 * "sign out everywhere", a disable or a password reset). Every instance reads the row on
 * each request, so the end holds everywhere at once. Returns how many sessions ended.
 */
export async function endDashboardSessions(
  where: { id: string } | { userId: string },
): Promise<number> {
  const { count } = await getPrisma().dashboardSession.updateMany({
    where: { ...where, endedAt: null },
    data: { endedAt: new Date() },
  });
  return count;
}
