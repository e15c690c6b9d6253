import { request } from "undici";
import { recordAuditEvent } from "@/lib/admin/audit/record-audit-event";
import { readAlertWebhookSetting } from "@/lib/data/settings/alert-webhook-setting";
import { gatewayContext } from "@/lib/runtime/process-gateway";
import { safeHost } from "./safe-host";

/**
 * Sends one test alert (Slack-compatible `text`) to the effective webhook, or to `url`
 * when given (to try a URL before saving it), and reports the receiver's answer: status
 * and the first 500 characters of its body, or the transport error. Audited. 5 s timeout.
 * Returns `{sent, ok, status, body, error}`; never throws for a receiver's failure.
 */
export async function sendTestAlert({ url, actor }: { url?: string; actor: string }) {
  const target =
    url ?? (await readAlertWebhookSetting()) ?? (await gatewayContext()).config.ALERT_WEBHOOK_URL;
  if (!target)
    return {
      sent: false,
      ok: false,
      status: null,
      body: null,
      error: "No alert webhook is configured: enter a URL first.",
    };
  const payload = JSON.stringify({
    text: `Test alert from the LLM gateway, sent by ${actor}.`,
    kind: "test",
    createdAt: new Date().toISOString(),
  });
  let result: {
    sent: boolean;
    ok: boolean;
    status: number | null;
    body: string | null;
    error: string | null;
  };
  try {
    const res = await request(target, {
      method: "POST",
      body: payload,
      headers: { "content-type": "application/json" },
      headersTimeout: 5_000,
      bodyTimeout: 5_000,
      signal: AbortSignal.timeout(5_000),
    });
    const text = await res.body.text();
    result = {
      sent: true,
      ok: res.statusCode >= 200 && res.statusCode < 300,
      status: res.statusCode,
      body: text.slice(0, 500),
      error: null,
    };
  } catch (err) {
    result = {
      sent: false,
      ok: false,
      status: null,
      body: null,
      error: (err as Error).message.slice(0, 300),
    };
  }
  await recordAuditEvent({
    actor,
    action: "settings.test_alert_sent",
    targetType: "setting",
    targetId: "alert_webhook_url",
    details: { host: safeHost(target), status: result.status, ok: result.ok },
  });
  return result;
}
