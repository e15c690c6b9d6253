import { getPrisma } from "@/lib/db";
import { ApiError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/admin/audit/record-audit-event";
import type { DeploymentUpdate } from "./deployment-schemas";
import { findProvider } from "./find-provider";
import { lockCatalogueNames } from "./lock-catalogue-names";
import { nameConflict } from "./name-conflict";
import { auditedDeployment } from "./to-deployment";

type Audited = ReturnType<typeof auditedDeployment>;

/** Audited under `price.changed`, with before and after as the prices API writes them. */
const PRICE_FIELDS = [
  "inputPricePer1MMicros",
  "outputPricePer1MMicros",
  "cachedInputPricePer1MMicros",
  "cacheWritePricePer1MMicros",
  "billedPricePer1MMicros",
] as const;
/** Audited under `deployment.updated`. */
const NAME_FIELDS = ["provider", "model", "aliases", "kind", "contextWindow"] as const;

const big = (v: number | null | undefined) =>
  v === undefined ? undefined : v === null ? null : BigInt(v);
const pick = (row: Audited, fields: readonly (keyof Audited)[]) =>
  Object.fromEntries(fields.map((f) => [f, row[f]]));
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Applies an edit to one deployment in one transaction, under the catalogue's naming
 * lock, audited by family: `price.changed` (all five prices, before and after),
 * `deployment.updated` (the changed names, kind and context window, before and after),
 * `deployment.enabled` or `deployment.disabled`. Fields sent with their current value
 * change nothing and are not audited. Returns the stored row.
 * @throws ApiError `not_found` (unknown id), `invalid_request_error` (unknown provider),
 *   `conflict` (see `nameConflict`; param `kind` when the kind change is what breaks it)
 */
export async function writeDeploymentChange({
  id,
  change,
  actor,
}: {
  id: string;
  change: DeploymentUpdate;
  actor: string;
}) {
  return getPrisma().$transaction(async (tx) => {
    await lockCatalogueNames(tx);
    const current = await tx.deployment.findUnique({ where: { id } });
    if (!current)
      throw new ApiError("not_found", `No deployment with id '${id}'.`, { param: "id" });
    const providerId =
      change.provider === undefined ? current.providerId : await findProvider(tx, change.provider);
    const named = {
      id,
      providerId,
      model: change.model ?? current.model,
      aliases: change.aliases ?? current.aliases,
      kind: change.kind ?? current.kind,
    };
    const kindChanged = named.kind !== current.kind;
    if (
      kindChanged ||
      providerId !== current.providerId ||
      named.model !== current.model ||
      !same(named.aliases, current.aliases)
    ) {
      const others = await tx.deployment.findMany({
        select: { id: true, providerId: true, model: true, aliases: true, kind: true },
      });
      const conflict = nameConflict(named, others, kindChanged ? "kind" : "aliases");
      if (conflict) throw conflict;
    }
    const row = await tx.deployment.update({
      where: { id },
      data: {
        providerId,
        model: named.model,
        aliases: named.aliases,
        kind: named.kind,
        inputPricePer1MMicros: big(change.inputPricePer1MMicros) ?? undefined,
        outputPricePer1MMicros: big(change.outputPricePer1MMicros) ?? undefined,
        cachedInputPricePer1MMicros: big(change.cachedInputPricePer1MMicros),
        cacheWritePricePer1MMicros: big(change.cacheWritePricePer1MMicros),
        billedPricePer1MMicros: big(change.billedPricePer1MMicros),
        contextWindow: change.contextWindow,
        enabled: change.enabled,
      },
    });
    const before = auditedDeployment(current);
    const after = auditedDeployment(row);
    const audit = (action: string, details: Record<string, unknown>) =>
      recordAuditEvent(
        {
          actor,
          action,
          targetType: "deployment",
          targetId: id,
          details: JSON.parse(JSON.stringify({ model: after.publicName, ...details })),
        },
        tx,
      );
    if (PRICE_FIELDS.some((f) => !same(before[f], after[f])))
      await audit("price.changed", {
        before: pick(before, PRICE_FIELDS),
        after: pick(after, PRICE_FIELDS),
      });
    const renamed = NAME_FIELDS.filter((f) => !same(before[f], after[f]));
    if (renamed.length > 0)
      await audit("deployment.updated", {
        before: pick(before, renamed),
        after: pick(after, renamed),
      });
    if (before.enabled !== after.enabled)
      await audit(after.enabled ? "deployment.enabled" : "deployment.disabled", {});
    return row;
  });
}
