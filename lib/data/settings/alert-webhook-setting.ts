import { recordAuditEvent } from "@/lib/data/audit/record-audit-event";
import { getPrisma } from "@/lib/db";

export const ALERT_WEBHOOK_SETTING = "alert_webhook_url";

/** The alert webhook URL set in the dashboard, or null when none is (ALERT_WEBHOOK_URL then applies). */
export async function readAlertWebhookSetting(): Promise<string | null> {
  const row = await getPrisma().setting.findUnique({ where: { key: ALERT_WEBHOOK_SETTING } });
  return row?.value || null;
}

/** Stores (or with null, clears) the dashboard's alert webhook URL; audited with the actor, the URL's host only. */
export async function writeAlertWebhookSetting({
  url,
  actor,
}: {
  url: string | null;
  actor: string;
}): Promise<void> {
  const prisma = getPrisma();
  await prisma.$transaction(async (tx) => {
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
}
