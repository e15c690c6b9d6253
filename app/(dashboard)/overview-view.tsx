"use client";

import Link from "next/link";
import { formatCount, formatMicros, formatMs, formatPercent } from "@/lib/format/numbers";
import { useOverview } from "@/lib/queries/use-overview";
import { RequestsChart, SpendChart } from "./_components/charts";
import { QueryState } from "./_components/query-state";
import { StateBadge } from "./_components/state-badge";
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
            {o.breakersNotClosed.length > 0 && (
              <section
                aria-label="Breakers not closed"
                className="rounded-xl border border-red-300 bg-red-50 p-4 dark:border-red-800 dark:bg-red-950"
              >
                <h2 className="mb-2 font-semibold text-red-900 dark:text-red-100">
                  {o.breakersNotClosed.length} of {o.credentialsTotal} credentials not serving
                </h2>
                <ul className="space-y-1 text-sm">
                  {o.breakersNotClosed.map((c) => (
                    <li key={c.id} className="flex flex-wrap items-center gap-2">
                      <StateBadge state={c.state} />
                      <span className="font-medium">{c.provider}</span> {c.label}{" "}
                      <span className="font-mono">…{c.last4}</span>
                      {c.lastErrorClass && <span>({c.lastErrorClass.replace(/_/g, " ")})</span>}
                      {c.openedAt && (
                        <span>
                          since <RelTime at={c.openedAt} />
                        </span>
                      )}
                    </li>
                  ))}
                </ul>
                <Link
                  href="/breakers"
                  className="mt-2 inline-block text-sm font-medium text-red-900 underline dark:text-red-100"
                >
                  Open providers &amp; breakers
                </Link>
              </section>
            )}
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
              {o.providers.length === 0 ? (
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  No traffic in the last hour.
                </p>
              ) : (
                <table className="w-full text-left text-sm" aria-label="Provider latency">
                  <thead>
                    <tr className="border-b border-slate-200 dark:border-slate-700">
                      <th scope="col" className="px-2 py-2 font-medium">
                        Provider
                      </th>
                      <th scope="col" className="px-2 py-2 text-right font-medium">
                        Requests
                      </th>
                      <th scope="col" className="px-2 py-2 text-right font-medium">
                        Error rate
                      </th>
                      <th scope="col" className="px-2 py-2 text-right font-medium">
                        Latency p50 / p95
                      </th>
                      <th scope="col" className="px-2 py-2 text-right font-medium">
                        First token p50 / p95
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {o.providers.map((p) => (
                      <tr
                        key={p.provider}
                        className="border-b border-slate-100 dark:border-slate-800"
                      >
                        <td className="px-2 py-2">{p.provider}</td>
                        <td className="px-2 py-2 text-right tabular-nums">
                          {formatCount(p.requests)}
                        </td>
                        <td className="px-2 py-2 text-right tabular-nums">
                          {formatPercent(p.requests ? p.errors / p.requests : null)}
                        </td>
                        <td className="px-2 py-2 text-right tabular-nums">
                          {formatMs(p.p50LatencyMs)} / {formatMs(p.p95LatencyMs)}
                        </td>
                        <td className="px-2 py-2 text-right tabular-nums">
                          {formatMs(p.p50TtftMs)} / {formatMs(p.p95TtftMs)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
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
                      <span className="font-medium">{a.kind.replace(/_/g, " ")}</span> · {a.message}
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
