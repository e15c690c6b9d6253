import { adminRoute, parseJsonBody } from "@/lib/auth/admin-route";
import { sendTestAlert } from "@/lib/admin/settings/send-test-alert";
import { TestAlertSchema } from "@/lib/admin/settings/settings-schemas";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

/** Sends a test alert and answers with what the receiver said. */
export const POST = adminRoute(async ({ request, actor }) =>
  sendTestAlert({ url: (await parseJsonBody(request, TestAlertSchema)).url, actor: actor.actor }),
);

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed("POST");
