import { getPrisma } from "@/lib/db";

/**
 * A stored session with what the check needs about its user (still enabled, the session
 * version a reset or disable bumps), in one query. Null when the session is unknown.
 */
export async function findDashboardSession({ id }: { id: string }) {
  return getPrisma().dashboardSession.findUnique({
    where: { id },
    select: {
      id: true,
      userId: true,
      expiresAt: true,
      endedAt: true,
      user: { select: { id: true, email: true, disabledAt: true, sessionVersion: true } },
    },
  });
}
