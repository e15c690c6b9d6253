import type { AlertNotifier } from "@/lib/alerts/alert-notifier";
import { episodeOf } from "@/lib/gateway/resilience/breaker-state";
import type { BreakerAlert } from "./breaker-service";

/**
 * Turns a breaker transition that the policy flags into one human-readable alert
 * (Slack-compatible `text`), naming the key by label and last four characters only.
 */
export function alertForBreaker(
  notifier: AlertNotifier,
  { event, kind, candidateLabel }: BreakerAlert,
): void {
  const { snapshot: s, transition: t } = event;
  const { retryAt, openedAt } = episodeOf(s);
  const who =
    s.scope === "credential"
      ? `${s.providerId} key ${candidateLabel ?? s.scopeId}`
      : `provider ${s.providerId}`;
  const retry = retryAt ? ` Next probe at ${new Date(retryAt).toISOString()}.` : "";
  const text =
    kind === "breaker_quarantined"
      ? `:rotating_light: ${who} quarantined: ${t.reason}. Traffic goes to other providers; a person must close it (dashboard, or POST /api/admin/credentials/${s.scopeId}/close).`
      : kind === "rate_limit_persistent"
        ? `:hourglass: ${who} keeps being rate limited: ${t.reason}.${retry}`
        : `:warning: ${who} opened: ${t.reason}. Traffic fails over.${retry}`;
  notifier.notify({
    kind,
    text,
    dedupeKey: `${kind}:${s.scopeKey}:${openedAt ?? 0}`,
    details: {
      scope: s.scope,
      scopeId: s.scopeId,
      provider: s.providerId,
      state: s.state,
      errorClass: t.errorClass,
      reason: t.reason,
      requestId: event.requestId ?? null,
    },
  });
}

export function alertForNoProvider(notifier: AlertNotifier, model: string, summary: string): void {
  notifier.notify({
    kind: "no_provider_available",
    text: `:x: ${summary}`,
    dedupeKey: `no_provider_available:${model}`,
    details: { model },
  });
}
