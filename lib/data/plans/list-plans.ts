import { getPrisma } from "@/lib/db";

export async function listPlans() {
  return getPrisma().plan.findMany({
    orderBy: { createdAt: "asc" },
    include: { _count: { select: { tenants: true } } },
  });
}
