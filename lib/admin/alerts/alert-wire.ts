import type { WireOf } from "../wire";
import type { listAlerts } from "./list-alerts";

/** GET /api/admin/alerts: alerts newest first, each with its webhook delivery status. */
export type AlertListWire = { data: WireOf<typeof listAlerts> };
