import { describe, expect, it } from "vitest";
import type { Alert, AlertNotifier } from "@/lib/alerts/alert-notifier";
import { alertForBreaker, alertForProviderChange } from "./breaker-alerts";

function capture(): { notifier: AlertNotifier; sent: Alert[] } {
  const sent: Alert[] = [];
  return { notifier: { notify: (a: Alert) => sent.push(a) } as unknown as AlertNotifier, sent };
}

describe("breaker alerts", () => {
  it("name a credential by label and last four, never by its id", () => {
    const { notifier, sent } = capture();
    alertForBreaker(notifier, {
      kind: "breaker_quarantined",
      candidateLabel: "deepseek-env-1 (…abcd)",
      event: {
        snapshot: {
          scopeKey: "credential:cm9x1",
          scope: "credential",
          scopeId: "cm9x1",
          providerId: "deepseek",
          version: 3,
          state: "quarantined",
          lastErrorClass: "permanent_auth",
          failures: 1,
          probes: 1,
          openedAt: 1_000,
        },
        transition: {
          from: "half_open",
          to: "quarantined",
          errorClass: "permanent_auth",
          reason: "probe answered 401",
        },
        effects: [],
      },
    } as unknown as Parameters<typeof alertForBreaker>[1]);
    expect(sent[0]!.text).toContain("deepseek key deepseek-env-1 (…abcd) quarantined");
    expect(sent[0]!.text.replace("/api/admin/credentials/cm9x1/close", "")).not.toContain("cm9x1");
  });

  it("tell a provider down with why and when the next probe is, and its recovery", () => {
    const { notifier, sent } = capture();
    alertForProviderChange(notifier, {
      providerId: "gemini",
      quiet: false,
      reason: "no_credential_serving",
      notServing: ["g-1 (…1111)", "g-2 (…2222)"],
      credentials: 2,
      nextProbeAt: Date.UTC(2026, 11, 7, 3, 0, 0),
    });
    alertForProviderChange(notifier, {
      providerId: "gemini",
      quiet: false,
      reason: null,
      notServing: [],
      credentials: 2,
      nextProbeAt: null,
    });
    expect(sent.map((a) => a.kind)).toEqual(["provider_down", "provider_recovered"]);
    expect(sent[0]!.text).toBe(
      ":red_circle: provider gemini is down: none of its 2 key(s) can serve (g-1 (…1111), g-2 (…2222)). Requests fail over to other providers. Next probe at 2026-12-07T03:00:00.000Z.",
    );
    expect(sent[1]!.text).toBe(":large_green_circle: provider gemini is serving again.");
    expect(sent[0]!.dedupeKey).not.toBe(sent[1]!.dedupeKey);
  });
});
