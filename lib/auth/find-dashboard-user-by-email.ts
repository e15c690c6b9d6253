import { getPrisma } from "@/lib/db";

/** A dashboard user by email (sign-in) with the password hash; null when there is none. */
export async function findDashboardUserByEmail({ email }: { email: string }) {
  return getPrisma().adminUser.findUnique({ where: { email: email.trim().toLowerCase() } });
}
