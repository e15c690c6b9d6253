import { z } from "zod";
import { adminRoute, parseJsonBody } from "@/lib/auth/admin-route";
import { sendTestAlert } from "@/lib/admin/alert-settings";
import { methodNotAllowed } from "@/lib/server/route-fallbacks";

const TestSchema = z.strictObject({
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
});

/** Sends a test alert and answers with what the receiver said. */
export const POST = adminRoute(async ({ request, actor }) =>
  sendTestAlert({ url: (await parseJsonBody(request, TestSchema)).url, actor: actor.actor }),
);

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed("POST");
