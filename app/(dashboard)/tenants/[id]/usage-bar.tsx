"use client";

import { formatMicros, formatPercent, formatTokens } from "@/lib/format/numbers";
import { rowTokens, useUsage } from "@/lib/queries/use-usage";
import type { TenantWire } from "@/lib/queries/use-tenants";
import { QueryState } from "../../_components/query-state";

function monthStart(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
}

function Bar({
  label,
  used,
  limit,
  format,
}: {
  label: string;
  used: number;
  limit: number | null;
  format: (n: number) => string;
}) {
  const ratio = limit ? used / limit : null;
  const pct = ratio === null ? 0 : Math.min(100, ratio * 100);
  const colour =
    ratio === null
      ? "bg-indigo-500"
      : ratio >= 1
        ? "bg-red-600"
        : ratio >= 0.8
          ? "bg-amber-500"
          : "bg-emerald-600";
  return (
    <div className="space-y-1">
      <div className="flex justify-between text-sm">
        <span className="font-medium">{label}</span>
        <span
          className="tabular-nums"
          data-testid={`usage-${label.toLowerCase().replace(/\W+/g, "-")}`}
        >
          {format(used)}{" "}
          {limit !== null ? `of ${format(limit)} (${formatPercent(ratio)})` : "(no limit)"}
        </span>
      </div>
      <div
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={limit ?? Math.max(used, 1)}
        aria-valuenow={used}
        aria-valuetext={`${format(used)}${limit !== null ? ` of ${format(limit)}` : ""}`}
        className="h-3 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
      >
        <div
          className={`h-full ${colour}`}
          // No limit: nothing to fill toward, so the bar stays empty (the text says "no limit").
          style={{ width: `${pct}%` }}
        />
      </div>
    </div>
  );
}

/** This month's tokens against the plan's included tokens (or the quota) and spend against the budget. */
export function UsageBar({ tenant }: { tenant: TenantWire }) {
  const query = useUsage({ groupBy: "tenant", tenantId: tenant.id, from: monthStart() });
  return (
    <QueryState query={query}>
      {(d) => {
        const row = d.data.find((r) => (r.tenantId ?? r.key ?? r.group) === tenant.id) ?? d.data[0];
        const tokens = row ? rowTokens(row) : 0;
        const billed = row ? Number(row.billedMicros) : 0;
        const included = tenant.plan?.includedTokens ? Number(tenant.plan.includedTokens) : null;
        const num = (v: number | string | null) => (v === null ? null : Number(v));
        const quota = num(tenant.monthlyTokenQuota);
        const tokenLimit = quota ?? included;
        return (
          <div className="space-y-4">
            <Bar
              label={quota ? "Tokens against quota" : "Tokens against plan"}
              used={tokens}
              limit={tokenLimit}
              format={formatTokens}
            />
            <Bar
              label="Spend against budget"
              used={billed}
              limit={num(tenant.monthlySpendLimitMicros)}
              format={(n) => formatMicros(n)}
            />
            <p className="text-xs text-slate-600 dark:text-slate-400">
              {row
                ? `${row.requests} request${Number(row.requests) === 1 ? "" : "s"} this month.`
                : "No requests this month yet."}
            </p>
          </div>
        );
      }}
    </QueryState>
  );
}
