"use client";

import Link from "next/link";
import { alertTextForPage } from "@/lib/format/alert-text";
import { formatCount, formatMicros, formatPercent } from "@/lib/format/numbers";
import { useOverview } from "@/lib/queries/use-overview";
import { RequestsChart, SpendChart } from "./_components/charts";
import { QueryState } from "./_components/query-state";
import { OutageBanner } from "./_components/outage-banner";
import { ProviderTable } from "./_components/provider-table";
import { RelTime } from "./_components/time";
import { Card, Notice, PageHeader, Stat } from "./_components/ui";

export function OverviewView() {
  const query = useOverview();
  return (
    <>
      <PageHeader
        title="Overview"
        description="The last hour of traffic, today's and this month's spend, and anything that needs a person. Refreshes every 5 seconds."
      />
      <QueryState query={query}>
        {(o) => (
          <div className="space-y-6">
            {o.simulated && (
              <Notice tone="warning">
                Simulated providers: no provider key is configured, so answers come from the
                built-in simulator, not a real model.
              </Notice>
            )}
            <OutageBanner overview={o} />
            <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
              <Stat
                label="Requests / minute (last hour)"
                value={o.lastHour.requestsPerMinute.toFixed(1)}
                hint={`${formatCount(o.lastHour.requests)} requests`}
              />
              <Stat
                label="Error rate (last hour)"
                value={formatPercent(o.lastHour.errorRate)}
                hint={`${formatCount(o.lastHour.errors)} failed (5xx) · ${formatCount(o.lastHour.refused)} refused (4xx), not counted`}
              />
              <Stat
                label="Spend today"
                value={formatMicros(o.spend.today.billedMicros)}
                hint={`upstream cost ${formatMicros(o.spend.today.costMicros)}`}
              />
              <Stat
                label="Spend this month"
                value={formatMicros(o.spend.month.billedMicros)}
                hint={`upstream cost ${formatMicros(o.spend.month.costMicros)}`}
              />
            </div>
            <div className="grid gap-4 xl:grid-cols-2">
              <Card title="Requests per minute">
                <RequestsChart data={o.perMinute} />
              </Card>
              <Card title="Spend this month per day">
                {o.spend.days.length === 0 ? (
                  <p className="text-sm text-slate-600 dark:text-slate-400">
                    No spend this month yet.
                  </p>
                ) : (
                  <SpendChart data={o.spend.days} />
                )}
              </Card>
            </div>
            <Card title="Providers (last hour)">
              <ProviderTable providers={o.providers} beforeUpstream={o.beforeUpstream} />
            </Card>
            <Card
              title="Latest alerts"
              actions={
                <Link
                  href="/alerts"
                  className="text-sm text-indigo-700 underline dark:text-indigo-300"
                >
                  All alerts
                </Link>
              }
            >
              {o.alerts.length === 0 ? (
                <p className="text-sm text-slate-600 dark:text-slate-400">No alerts.</p>
              ) : (
                <ul className="space-y-1 text-sm">
                  {o.alerts.map((a) => (
                    <li key={a.id}>
                      <RelTime at={a.createdAt} /> ·{" "}
                      <span className="font-medium">{a.kind.replace(/_/g, " ")}</span> ·{" "}
                      {alertTextForPage(a.message)}
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          </div>
        )}
      </QueryState>
    </>
  );
}
