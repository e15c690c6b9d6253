import { randomBytes } from "node:crypto";
import { getPrisma } from "@/lib/db";
import { SESSION_MAX_AGE_S } from "./session-cookie";

/**
 * Stores a new session for a user who just signed in, lasting SESSION_MAX_AGE_S seconds.
 * `address` and `userAgent` are cut to 200 characters (shown in the session list).
 * Returns the session id the cookie will carry (192 random bits).
 */
export async function createDashboardSession({
  userId,
  address,
  userAgent,
}: {
  userId: string;
  address?: string;
  userAgent?: string;
}): Promise<string> {
  const id = randomBytes(24).toString("base64url");
  await getPrisma().dashboardSession.create({
    data: {
      id,
      userId,
      expiresAt: new Date(Date.now() + SESSION_MAX_AGE_S * 1000),
      address: address?.slice(0, 200) || null,
      userAgent: userAgent?.slice(0, 200) || null,
    },
  });
  return id;
}
