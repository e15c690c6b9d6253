import type { WireOf } from "../wire";
import type { addDashboardUser } from "./add-dashboard-user";
import type { changeDashboardUser } from "./change-dashboard-user";
import type { listDashboardUsers } from "./list-dashboard-users";

/** GET /api/admin/users: every dashboard user, oldest first, without password hashes. */
export type DashboardUserListWire = { data: WireOf<typeof listDashboardUsers> };
/** POST /api/admin/users (201). */
export type AddedDashboardUserWire = WireOf<typeof addDashboardUser>;
/** PATCH /api/admin/users/{id}. */
export type ChangedDashboardUserWire = WireOf<typeof changeDashboardUser>;
