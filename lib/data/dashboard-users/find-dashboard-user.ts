import { getPrisma } from "@/lib/db";

/** A dashboard user by email (sign-in) with the password hash; null when there is none. */
export async function findDashboardUserByEmail({ email }: { email: string }) {
  return getPrisma().adminUser.findUnique({ where: { email: email.trim().toLowerCase() } });
}

/**
 * What a session check needs about its user: still enabled, and the session version
 * (bumped by a reset or a disable, which ends sessions issued before).
 */
export async function findDashboardUserSession({ id }: { id: string }) {
  return getPrisma().adminUser.findUnique({
    where: { id },
    select: { id: true, email: true, disabledAt: true, sessionVersion: true },
  });
}
