import { announceCatalogChange } from "@/lib/runtime/announce-change";
import type { DeploymentCreate } from "./deployment-schemas";
import { insertDeployment } from "./insert-deployment";
import { toDeployment } from "./to-deployment";

/**
 * Adds a deployment to the catalogue, audited (`deployment.created`); it takes traffic
 * on this instance before the answer and on every other within a second. Returns the
 * deployment (see `toDeployment`).
 * @throws ApiError `invalid_request_error` (unknown provider) or `conflict` (a
 *   `provider/model` that exists, or an alias that would name two kinds or two
 *   embedding models)
 */
export async function createDeployment({
  input,
  actor,
}: {
  input: DeploymentCreate;
  actor: string;
}) {
  const row = await insertDeployment({ input, actor });
  await announceCatalogChange();
  return toDeployment(row);
}
