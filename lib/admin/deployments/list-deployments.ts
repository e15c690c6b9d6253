import { getPrisma } from "@/lib/db";
import { toDeployment } from "./to-deployment";

/**
 * The whole catalogue, enabled and disabled: every deployment (see `toDeployment`),
 * ordered by provider and model, and the registered providers a deployment may name
 * (`{id, name, kind, enabled}`), for the dashboard's picker.
 * Returns `{data: [...], providers: [...]}`.
 */
export async function listDeployments() {
  const prisma = getPrisma();
  const [deployments, providers] = await Promise.all([
    prisma.deployment.findMany({ orderBy: [{ providerId: "asc" }, { model: "asc" }] }),
    prisma.provider.findMany({
      orderBy: { id: "asc" },
      select: { id: true, name: true, kind: true, enabled: true },
    }),
  ]);
  return { data: deployments.map(toDeployment), providers };
}
