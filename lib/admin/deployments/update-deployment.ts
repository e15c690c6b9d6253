import { announceCatalogChange } from "@/lib/runtime/announce-change";
import type { DeploymentUpdate } from "./deployment-schemas";
import { toDeployment } from "./to-deployment";
import { writeDeploymentChange } from "./write-deployment-change";

/**
 * Edits a deployment (any field, `{enabled}` alone to take it out of routing or put it
 * back), audited; the change reaches this instance's routing before the answer and
 * every other instance's within a second. Usage rows already metered keep their prices.
 * Returns the deployment (see `toDeployment`).
 * @throws ApiError `not_found`, `invalid_request_error` (unknown provider) or `conflict`
 */
export async function updateDeployment({
  id,
  change,
  actor,
}: {
  id: string;
  change: DeploymentUpdate;
  actor: string;
}) {
  const row = await writeDeploymentChange({ id, change, actor });
  await announceCatalogChange();
  return toDeployment(row);
}
