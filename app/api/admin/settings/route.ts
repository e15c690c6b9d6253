import { z } from "zod";
import { adminRoute, parseJsonBody } from "@/lib/auth/admin-route";
import { getAlertSettings, setAlertWebhook } from "@/lib/admin/alert-settings";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

const SettingsSchema = z.strictObject({
  alertWebhookUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable(),
});

export const GET = adminRoute(async () => getAlertSettings());

export const PUT = adminRoute(async ({ request, actor }) =>
  setAlertWebhook({
    url: (await parseJsonBody(request, SettingsSchema)).alertWebhookUrl,
    actor: actor.actor,
  }),
);

export const { POST, PATCH, DELETE } = methodNotAllowed("GET", "PUT");
