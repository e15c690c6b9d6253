import { getPrisma } from "@/lib/db";

/** The `Setting` row that holds the dashboard's alert webhook (written by the admin settings). */
export const ALERT_WEBHOOK_SETTING = "alert_webhook_url";

/** The alert webhook URL set in the dashboard, or null when none is (ALERT_WEBHOOK_URL then applies). */
export async function readAlertWebhookSetting(): Promise<string | null> {
  const row = await getPrisma().setting.findUnique({ where: { key: ALERT_WEBHOOK_SETTING } });
  return row?.value || null;
}
