import { getPrisma } from "@/lib/db";
import { ApiError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/admin/audit/record-audit-event";
import type { PriceChange } from "./price-schemas";

const FIELDS = [
  "inputPricePer1MMicros",
  "outputPricePer1MMicros",
  "cachedInputPricePer1MMicros",
  "cacheWritePricePer1MMicros",
  "billedPricePer1MMicros",
] as const;
const big = (v: number | null | undefined) =>
  v === undefined ? undefined : v === null ? null : BigInt(v);
const plain = (v: bigint | null) => (v === null ? null : Number(v));

/**
 * Applies price changes in one transaction, each audited with its before and after.
 * Usage rows keep the prices they were metered with; only new requests see these.
 * @throws ApiError not_found for an unknown deployment (nothing is changed then)
 */
export async function writePrices({ changes, actor }: { changes: PriceChange[]; actor: string }) {
  const prisma = getPrisma();
  const updated = await prisma.$transaction(async (tx) => {
    const out = [];
    for (const change of changes) {
      const [providerId, ...rest] = (change.model ?? "").split("/");
      const current = change.deploymentId
        ? await tx.deployment.findUnique({ where: { id: change.deploymentId } })
        : await tx.deployment.findUnique({
            where: { providerId_model: { providerId: providerId ?? "", model: rest.join("/") } },
          });
      if (!current)
        throw new ApiError("not_found", `No deployment '${change.deploymentId ?? change.model}'.`, {
          param: change.deploymentId ? "deploymentId" : "model",
        });
      const data = Object.fromEntries(
        FIELDS.filter((f) => change[f] !== undefined).map((f) => [f, big(change[f])]),
      );
      const row = await tx.deployment.update({ where: { id: current.id }, data });
      const before = Object.fromEntries(FIELDS.map((f) => [f, plain(current[f])]));
      const after = Object.fromEntries(FIELDS.map((f) => [f, plain(row[f])]));
      await recordAuditEvent(
        {
          actor,
          action: "price.changed",
          targetType: "deployment",
          targetId: row.id,
          details: { model: `${row.providerId}/${row.model}`, before, after },
        },
        tx,
      );
      out.push(row.id);
    }
    return out;
  });
  return { updated };
}
