import { getPrisma } from "@/lib/db";

/** Every plan, oldest first, with its count of tenants (money and tokens as bigint). */
export async function listPlans() {
  return getPrisma().plan.findMany({
    orderBy: { createdAt: "asc" },
    include: { _count: { select: { tenants: true } } },
  });
}
