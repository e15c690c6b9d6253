import type { AlertNotifier } from "@/lib/alerts/alert-notifier";
import { episodeOf } from "@/lib/gateway/resilience/breaker-state";
import type { BreakerAlert } from "./breaker-service";
import type { ProviderDownChange } from "./provider-down-watch";

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
    s.scope === "credential" ? `${s.providerId} key ${candidateLabel}` : `provider ${s.providerId}`;
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

/**
 * A provider down, or serving again, by the shared rule the dashboard uses: one alert
 * each way per episode, naming the keys that cannot serve by label and last four only.
 */
export function alertForProviderChange(notifier: AlertNotifier, c: ProviderDownChange): void {
  const probe = c.nextProbeAt ? ` Next probe at ${new Date(c.nextProbeAt).toISOString()}.` : "";
  const why =
    c.reason === "provider_breaker"
      ? "its provider breaker is open"
      : `none of its ${c.credentials} key(s) can serve (${c.notServing.join(", ")})`;
  const down = c.reason !== null;
  notifier.notify({
    kind: down ? "provider_down" : "provider_recovered",
    text: down
      ? `:red_circle: provider ${c.providerId} is down: ${why}. Requests fail over to other providers.${probe}`
      : `:large_green_circle: provider ${c.providerId} is serving again.`,
    // A flapping provider is told at most once per dedupe window each way.
    dedupeKey: `${down ? "provider_down" : "provider_recovered"}:${c.providerId}`,
    details: {
      provider: c.providerId,
      reason: c.reason,
      notServing: c.notServing,
      credentials: c.credentials,
      nextProbeAt: c.nextProbeAt ? new Date(c.nextProbeAt).toISOString() : null,
    },
  });
}
