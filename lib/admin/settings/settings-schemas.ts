import { z } from "zod";

/** Admin API input shapes for settings. Only http(s) webhooks: alerts are a plain POST. */
const webhookUrl = z.url({ protocol: /^https?$/ }).max(2000);

/** PUT /api/admin/settings: null clears the dashboard's webhook (ALERT_WEBHOOK_URL then applies). */
export const AlertSettingsUpdateSchema = z.strictObject({
  alertWebhookUrl: webhookUrl.nullable(),
});

/** POST /api/admin/settings/test-alert: a URL to try before saving it, else the effective one. */
export const TestAlertSchema = z.strictObject({
  url: webhookUrl.optional(),
});
