import type { WireOf } from "../wire";
import type { getAlertSettings } from "./get-alert-settings";
import type { sendTestAlert } from "./send-test-alert";
import type { setAlertWebhook } from "./set-alert-webhook";

/** GET /api/admin/settings: the dashboard's webhook, the environment's host, which one applies. */
export type AlertSettingsWire = WireOf<typeof getAlertSettings>;
/** PUT /api/admin/settings: the settings after the change. */
export type SavedAlertSettingsWire = WireOf<typeof setAlertWebhook>;
/** POST /api/admin/settings/test-alert: what the receiver answered. */
export type TestAlertWire = WireOf<typeof sendTestAlert>;
