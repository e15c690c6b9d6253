import { getPrisma } from "@/lib/db";

/**
 * Tenants, newest first, each with its plan's id and name and its count of live keys;
 * deleted ones only when asked.
 */
export async function listTenants({ includeDeleted = false }: { includeDeleted?: boolean } = {}) {
  return getPrisma().tenant.findMany({
    where: includeDeleted ? {} : { status: { not: "deleted" } },
    include: {
      plan: { select: { id: true, name: true } },
      _count: { select: { keys: { where: { revokedAt: null } } } },
    },
    orderBy: { createdAt: "desc" },
  });
}
