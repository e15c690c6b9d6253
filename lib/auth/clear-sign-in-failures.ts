import { getPrisma } from "@/lib/db";

/** A successful sign-in forgives the account's failures (the caller passes the account key; the address keeps its count). */
export async function clearSignInFailures({ keys }: { keys: string[] }) {
  await getPrisma().signInThrottle.deleteMany({ where: { key: { in: keys } } });
}
