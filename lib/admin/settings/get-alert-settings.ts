import { readAlertWebhookSetting } from "@/lib/data/settings/alert-webhook-setting";
import { gatewayContext } from "@/lib/runtime/process-gateway";
import { safeHost } from "./safe-host";

/**
 * The alert webhook as the settings page shows it: the URL set in the dashboard (the
 * person who set it may see it), whether ALERT_WEBHOOK_URL is set (its host only, as it
 * may carry a token), and which one alerts use.
 * Returns `{alertWebhookUrl, envAlertWebhookHost, source: "dashboard" | "environment" | null}`.
 */
export async function getAlertSettings() {
  const stored = await readAlertWebhookSetting();
  const fromEnv = (await gatewayContext()).config.ALERT_WEBHOOK_URL;
  return {
    alertWebhookUrl: stored,
    envAlertWebhookHost: fromEnv ? safeHost(fromEnv) : null,
    source: stored ? ("dashboard" as const) : fromEnv ? ("environment" as const) : null,
  };
}
