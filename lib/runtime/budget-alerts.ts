import type { Logger } from "pino";
import type { AlertNotifier } from "@/lib/alerts/alert-notifier";
import { formatMicros } from "@/lib/billing/money";
import { periodOf } from "@/lib/billing/period";
import { claimBudgetAlerts, type BudgetCrossing } from "@/lib/data/budgets/claim-budget-alerts";
import { PeriodicJob } from "./periodic-job";

function text(c: BudgetCrossing): string {
  const what =
    c.kind === "budget"
      ? `monthly budget (${formatMicros(c.used)} of ${formatMicros(c.limit)})`
      : `included tokens (${c.used.toLocaleString("en-US")} of ${c.limit.toLocaleString("en-US")})`;
  return `:money_with_wings: Tenant ${c.tenantName} has used ${c.threshold}% of its ${what}.`;
}

/**
 * Every `intervalMs`, claims the budget and allowance crossings of the current month
 * and raises one alert for each (webhook and dashboard). A crossing is claimed once
 * cluster-wide, so a tenant gets one alert per threshold, never one per request.
 */
export class BudgetAlertWatcher extends PeriodicJob<void> {
  constructor(private readonly opts: { alerts: AlertNotifier; log: Logger; intervalMs?: number }) {
    super(opts.intervalMs ?? 15_000);
  }

  protected async round(now: number): Promise<void> {
    try {
      const month = periodOf(now);
      for (const c of await claimBudgetAlerts({
        period: month.name,
        start: month.start,
        end: month.end,
      })) {
        this.opts.alerts.notify({
          kind: "budget_threshold",
          text: text(c),
          dedupeKey: `budget:${c.tenantId}:${month.name}:${c.kind}:${c.threshold}`,
          details: {
            tenantId: c.tenantId,
            period: month.name,
            kind: c.kind,
            threshold: c.threshold,
            used: c.used,
            limit: c.limit,
          },
        });
      }
    } catch (err) {
      this.opts.log.warn(
        { err: (err as Error).message },
        "budget alert check failed; retried next round",
      );
    }
  }
}
