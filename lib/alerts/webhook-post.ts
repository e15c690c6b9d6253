import { request } from "undici";

/** Sends one JSON body to the webhook; resolves with the HTTP status, rejects on transport failure. */
export type WebhookPost = (url: string, body: string) => Promise<{ status: number }>;

const TIMEOUT_MS = 5_000;

/**
 * The default webhook sender. Every phase is bounded, so a receiver that hangs costs
 * one attempt of at most five seconds, never a stuck delivery.
 */
export const undiciWebhookPost: WebhookPost = async (url, body) => {
  const res = await request(url, {
    method: "POST",
    body,
    headers: { "content-type": "application/json" },
    headersTimeout: TIMEOUT_MS,
    bodyTimeout: TIMEOUT_MS,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  // The body is not needed, but an unread body keeps the socket from going back to the pool.
  await res.body.dump();
  return { status: res.statusCode };
};
