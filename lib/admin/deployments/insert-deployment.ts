import { getPrisma } from "@/lib/db";
import { recordAuditEvent } from "@/lib/admin/audit/record-audit-event";
import type { DeploymentCreate } from "./deployment-schemas";
import { findProvider } from "./find-provider";
import { lockCatalogueNames } from "./lock-catalogue-names";
import { nameConflict } from "./name-conflict";
import { auditedDeployment } from "./to-deployment";

const big = (v: number | null | undefined) => (v == null ? null : BigInt(v));

/**
 * Stores a new deployment and its `deployment.created` audit event in one transaction,
 * under the catalogue's naming lock. Returns the stored row.
 * @throws ApiError `invalid_request_error` (unknown provider) or `conflict` (the names
 *   would be ambiguous, see `nameConflict`)
 */
export async function insertDeployment({
  input,
  actor,
}: {
  input: DeploymentCreate;
  actor: string;
}) {
  return getPrisma().$transaction(async (tx) => {
    await lockCatalogueNames(tx);
    const providerId = await findProvider(tx, input.provider);
    const others = await tx.deployment.findMany({
      select: { id: true, providerId: true, model: true, aliases: true, kind: true },
    });
    const conflict = nameConflict(
      { id: "", providerId, model: input.model, aliases: input.aliases, kind: input.kind },
      others,
    );
    if (conflict) throw conflict;
    const row = await tx.deployment.create({
      data: {
        providerId,
        model: input.model,
        aliases: input.aliases,
        kind: input.kind,
        inputPricePer1MMicros: BigInt(input.inputPricePer1MMicros),
        outputPricePer1MMicros: BigInt(input.outputPricePer1MMicros ?? 0),
        cachedInputPricePer1MMicros: big(input.cachedInputPricePer1MMicros),
        cacheWritePricePer1MMicros: big(input.cacheWritePricePer1MMicros),
        billedPricePer1MMicros: big(input.billedPricePer1MMicros),
        contextWindow: input.contextWindow ?? null,
        enabled: input.enabled,
      },
    });
    await recordAuditEvent(
      {
        actor,
        action: "deployment.created",
        targetType: "deployment",
        targetId: row.id,
        details: auditedDeployment(row),
      },
      tx,
    );
    return row;
  });
}
