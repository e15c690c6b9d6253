import { getPrisma } from "@/lib/db";

/** Dashboard users without password hashes, oldest first. */
export async function listDashboardUsers() {
  const rows = await getPrisma().adminUser.findMany({ orderBy: { createdAt: "asc" } });
  return rows.map(toDashboardUser);
}

export function toDashboardUser(u: {
  id: string;
  email: string;
  name: string | null;
  disabledAt: Date | null;
  lastSignInAt: Date | null;
  createdBy: string | null;
  createdAt: Date;
}) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    disabled: u.disabledAt !== null,
    disabledAt: u.disabledAt,
    lastSignInAt: u.lastSignInAt,
    createdBy: u.createdBy,
    createdAt: u.createdAt,
  };
}
