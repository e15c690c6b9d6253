import { getPrisma } from "@/lib/db";

/**
 * What a session check needs about its user: still enabled, and the session version
 * (bumped by a reset or a disable, which ends sessions issued before). Null when the
 * user is gone.
 */
export async function findDashboardUserSession({ id }: { id: string }) {
  return getPrisma().adminUser.findUnique({
    where: { id },
    select: { id: true, email: true, disabledAt: true, sessionVersion: true },
  });
}
