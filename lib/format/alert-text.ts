/**
 * An alert's text as a person reads it on a page: the Slack emoji shortcodes the webhook
 * text starts with (`:rotating_light:`, `:warning:`) mean nothing outside Slack, so they
 * are dropped; the alert's kind is shown beside it anyway.
 */
export function alertTextForPage(text: string): string {
  return text.replace(/(^|\s):[a-z0-9_+-]+:(?=\s|$)/g, "$1").trim();
}
