import { getPrisma } from "@/lib/db";

/** Notes a successful sign-in (shown on the users page). */
export async function recordSignIn({ id }: { id: string }): Promise<void> {
  await getPrisma().adminUser.update({ where: { id }, data: { lastSignInAt: new Date() } });
}
