/**
 * The host of a webhook URL, or null when it does not parse. Only the host is ever shown
 * or audited: a webhook URL often carries a token in its path (Slack).
 */
export function safeHost(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}
