import { getPrisma } from "@/lib/db";
import { ApiError } from "@/lib/errors";

/**
 * A tenant with its plan (limits and money as bigint).
 * @throws ApiError `not_found` for an unknown or deleted tenant
 */
export async function getTenant({ id }: { id: string }) {
  const tenant = await getPrisma().tenant.findUnique({ where: { id }, include: { plan: true } });
  if (!tenant || tenant.status === "deleted")
    throw new ApiError("not_found", `No tenant with id '${id}'.`);
  return tenant;
}
