import { adminRoute, parseJsonBody } from "@/lib/auth/admin-route";
import { getAlertSettings } from "@/lib/admin/settings/get-alert-settings";
import { setAlertWebhook } from "@/lib/admin/settings/set-alert-webhook";
import { AlertSettingsUpdateSchema } from "@/lib/admin/settings/settings-schemas";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

export const GET = adminRoute(async () => getAlertSettings());

export const PUT = adminRoute(async ({ request, actor }) =>
  setAlertWebhook({
    url: (await parseJsonBody(request, AlertSettingsUpdateSchema)).alertWebhookUrl,
    actor: actor.actor,
  }),
);

export const { POST, PATCH, DELETE } = methodNotAllowed("GET", "PUT");
