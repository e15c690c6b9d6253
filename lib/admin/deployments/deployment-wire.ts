import type { WireOf } from "@/lib/admin/wire";
import type { createDeployment } from "./create-deployment";
import type { listDeployments } from "./list-deployments";
import type { updateDeployment } from "./update-deployment";

/** The answers of the deployments (catalogue) admin API, as the dashboard receives them. */

/** `GET /api/admin/deployments`: every deployment and the registered providers. */
export type DeploymentListWire = WireOf<typeof listDeployments>;
/** One deployment, as every deployments route answers it. */
export type DeploymentWire = DeploymentListWire["data"][number];
/** A registered provider a deployment may name. */
export type RegisteredProviderWire = DeploymentListWire["providers"][number];
/** `POST /api/admin/deployments` (201). */
export type DeploymentCreatedWire = WireOf<typeof createDeployment>;
/** `PATCH /api/admin/deployments/{id}`. */
export type DeploymentUpdatedWire = WireOf<typeof updateDeployment>;
