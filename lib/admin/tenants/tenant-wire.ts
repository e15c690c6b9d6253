import type { WireOf } from "../wire";
import type { createTenant } from "./create-tenant";
import type { deleteTenant } from "./delete-tenant";
import type { getTenant } from "./get-tenant";
import type { listTenants } from "./list-tenants";
import type { updateTenant } from "./update-tenant";

/** GET /api/admin/tenants: one row per tenant, with its plan's name and its live key count. */
export type TenantListWire = { data: WireOf<typeof listTenants> };
/** GET /api/admin/tenants/{id}: the tenant with its whole plan. */
export type TenantWire = WireOf<typeof getTenant>;
/** POST /api/admin/tenants (201). */
export type TenantCreatedWire = WireOf<typeof createTenant>;
/** PATCH /api/admin/tenants/{id}. */
export type TenantUpdatedWire = WireOf<typeof updateTenant>;
/** DELETE /api/admin/tenants/{id}. */
export type TenantDeletedWire = WireOf<typeof deleteTenant>;
