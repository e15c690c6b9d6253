import { recordAuditEvent } from "@/lib/admin/audit/record-audit-event";
import { ALERT_WEBHOOK_SETTING } from "@/lib/data/settings/alert-webhook-setting";
import { getPrisma } from "@/lib/db";
import { getAlertSettings } from "./get-alert-settings";

/**
 * Stores (or with null, clears) the dashboard's alert webhook URL, audited with the
 * actor and the URL's host only. Alerts read it on their next send. Returns the settings
 * as `getAlertSettings` shows them.
 */
export async function setAlertWebhook({ url, actor }: { url: string | null; actor: string }) {
  await getPrisma().$transaction(async (tx) => {
    if (url)
      await tx.setting.upsert({
        where: { key: ALERT_WEBHOOK_SETTING },
        create: { key: ALERT_WEBHOOK_SETTING, value: url },
        update: { value: url },
      });
    else await tx.setting.deleteMany({ where: { key: ALERT_WEBHOOK_SETTING } });
    // A webhook URL often carries a token in its path (Slack): the audit keeps the host only.
    await recordAuditEvent(
      {
        actor,
        action: url ? "settings.alert_webhook_set" : "settings.alert_webhook_cleared",
        targetType: "setting",
        targetId: ALERT_WEBHOOK_SETTING,
        details: { host: url ? new URL(url).host : null },
      },
      tx,
    );
  });
  return getAlertSettings();
}
