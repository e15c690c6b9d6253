import { getPrisma } from "@/lib/db";
import { toDashboardUser } from "./to-dashboard-user";

/** Dashboard users without password hashes, oldest first. */
export async function listDashboardUsers() {
  const rows = await getPrisma().adminUser.findMany({ orderBy: { createdAt: "asc" } });
  return rows.map(toDashboardUser);
}
