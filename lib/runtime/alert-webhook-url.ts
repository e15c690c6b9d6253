import { readAlertWebhookSetting } from "@/lib/data/settings/alert-webhook-setting";

/**
 * Where alerts go: the URL set in the dashboard, else ALERT_WEBHOOK_URL. Read at
 * delivery (alerts are rare) with a short cache, so a change made on any instance
 * applies everywhere within seconds.
 */
export function alertWebhookUrl(fromEnv: string | undefined): () => Promise<string | undefined> {
  let cached: { value: string | undefined; at: number } | undefined;
  return async () => {
    if (cached && Date.now() - cached.at < 5_000) return cached.value;
    const stored = await readAlertWebhookSetting().catch(() => null);
    cached = { value: stored ?? fromEnv, at: Date.now() };
    return cached.value;
  };
}
