import type { WireOf } from "../wire";
import type { addDashboardUser } from "./add-dashboard-user";
import type { changeDashboardUser } from "./change-dashboard-user";
import type { listDashboardSessions } from "./list-dashboard-sessions";
import type { listDashboardUsers } from "./list-dashboard-users";
import type { signOutEverywhere } from "./sign-out-everywhere";

/** GET /api/admin/users: every dashboard user, oldest first, without password hashes. */
export type DashboardUserListWire = { data: WireOf<typeof listDashboardUsers> };
/** POST /api/admin/users (201). */
export type AddedDashboardUserWire = WireOf<typeof addDashboardUser>;
/** PATCH /api/admin/users/{id}. */
export type ChangedDashboardUserWire = WireOf<typeof changeDashboardUser>;
/** GET /api/admin/users/{id}/sessions: the user's live sessions, newest first. */
export type DashboardSessionListWire = { data: WireOf<typeof listDashboardSessions> };
/** DELETE /api/admin/users/{id}/sessions: sign out everywhere. */
export type SignedOutEverywhereWire = WireOf<typeof signOutEverywhere>;
