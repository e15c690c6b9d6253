import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { sessionFromCookies, type DashboardSession } from "./dashboard-session";

/** The signed-in user of a server-rendered page, or null. */
export async function currentSession(): Promise<DashboardSession | null> {
  const jar = await cookies();
  const header = jar
    .getAll()
    .map((c) => `${c.name}=${encodeURIComponent(c.value)}`)
    .join("; ");
  return sessionFromCookies(header);
}

/** For dashboard pages: the session, or a redirect to the sign-in page. */
export async function requirePageSession(): Promise<DashboardSession> {
  const session = await currentSession();
  if (!session) redirect("/login");
  return session;
}
