"use client";

import { useMemo, useState } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatCount, formatMicros, formatPercent, formatTokens } from "@/lib/format/numbers";
import {
  groupName,
  rowTokens,
  useUsage,
  type UsageGroupBy,
  type UsageRow,
} from "@/lib/queries/use-usage";
import { columnsFor, DataTable, type Columns } from "../_components/data-table";
import { downloadText } from "../_components/download";
import { InputField, SelectField } from "../_components/list-controls";
import { QueryState } from "../_components/query-state";
import { Button, Card, PageHeader, Stat } from "../_components/ui";
import { spendCsv } from "./spend-csv";

const GROUPS: { value: UsageGroupBy; label: string }[] = [
  { value: "tenant", label: "Tenant" },
  { value: "model", label: "Model" },
  { value: "provider", label: "Provider" },
  { value: "key", label: "API key" },
  { value: "api", label: "API" },
  { value: "day", label: "Day" },
];

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The presets, as UTC days: [from, to] inclusive. */
function preset(name: string): [string, string] {
  const now = new Date();
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  if (name === "last-month")
    return [isoDay(new Date(Date.UTC(y, m - 1, 1))), isoDay(new Date(Date.UTC(y, m, 0)))];
  if (name === "7d") return [isoDay(new Date(now.getTime() - 6 * 86_400_000)), isoDay(now)];
  return [isoDay(new Date(Date.UTC(y, m, 1))), isoDay(now)];
}

// The margin is recomputed from the two micro-dollar sums the table shows.
type Row = UsageRow & { name: string; tokens: number };
const col = columnsFor<Row>();

export function SpendView() {
  const [groupBy, setGroupBy] = useState<UsageGroupBy>("tenant");
  const [[from, to], setRange] = useState<[string, string]>(() => preset("month"));
  const query = useUsage({ groupBy, from: `${from}T00:00:00Z`, to: `${to}T23:59:59.999Z` });
  const columns = useMemo(
    () =>
      [
        col.accessor("name", { header: GROUPS.find((g) => g.value === groupBy)?.label ?? "Group" }),
        col.accessor("requests", {
          header: "Requests",
          cell: (c) => <span className="tabular-nums">{formatCount(c.getValue())}</span>,
        }),
        col.accessor((r) => r.errors ?? 0, {
          id: "errors",
          header: "Errors",
          cell: (c) => <span className="tabular-nums">{formatCount(c.getValue())}</span>,
        }),
        col.accessor("tokens", {
          header: "Tokens",
          cell: (c) => <span className="tabular-nums">{formatTokens(c.getValue())}</span>,
        }),
        col.accessor((r) => Number(r.costMicros), {
          id: "cost",
          header: "Upstream cost",
          cell: (c) => <span className="tabular-nums">{formatMicros(c.getValue())}</span>,
        }),
        col.accessor((r) => Number(r.billedMicros), {
          id: "billed",
          header: "Billed",
          cell: (c) => <span className="tabular-nums">{formatMicros(c.getValue())}</span>,
        }),
        col.accessor("marginMicros", {
          id: "margin",
          header: "Margin",
          cell: (c) => (
            <span className="tabular-nums">
              {formatMicros(c.getValue())} (
              {formatPercent(
                c.row.original.billedMicros
                  ? c.getValue() / Number(c.row.original.billedMicros)
                  : null,
              )}
              )
            </span>
          ),
        }),
      ] as Columns<Row>,
    [groupBy],
  );
  return (
    <>
      <PageHeader
        title="Spend"
        description="Upstream cost against billed revenue, per tenant, model, provider, key or day. Refreshes every 10 seconds."
      />
      <div className="no-print mb-4 flex flex-wrap items-end gap-3">
        <SelectField
          id="sp-group"
          label="Group by"
          width="w-40"
          value={groupBy}
          onChange={(e) => setGroupBy(e.target.value as UsageGroupBy)}
          options={GROUPS}
        />
        <InputField
          id="sp-from"
          label="From (UTC)"
          width="w-44"
          type="date"
          value={from}
          max={to}
          onChange={(e) => e.target.value && setRange([e.target.value, to])}
        />
        <InputField
          id="sp-to"
          label="To (UTC)"
          width="w-44"
          type="date"
          value={to}
          min={from}
          onChange={(e) => e.target.value && setRange([from, e.target.value])}
        />
        <Button onClick={() => setRange(preset("month"))}>This month</Button>
        <Button onClick={() => setRange(preset("last-month"))}>Last month</Button>
        <Button onClick={() => setRange(preset("7d"))}>Last 7 days</Button>
      </div>
      <QueryState query={query}>
        {(d) => {
          const rows: Row[] = d.data.map((r) => ({
            ...r,
            name: groupName(r, groupBy),
            tokens: rowTokens(r),
            marginMicros: Number(r.billedMicros) - Number(r.costMicros),
          }));
          const total = rows.reduce(
            (s, r) => ({
              cost: s.cost + Number(r.costMicros),
              billed: s.billed + Number(r.billedMicros),
              requests: s.requests + r.requests,
            }),
            { cost: 0, billed: 0, requests: 0 },
          );
          const csv = () =>
            downloadText(`spend-by-${groupBy}-${from}-to-${to}.csv`, spendCsv(groupBy, rows));
          return (
            <div className="space-y-6">
              <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
                <Stat label="Requests" value={formatCount(total.requests)} />
                <Stat label="Upstream cost" value={formatMicros(total.cost)} />
                <Stat
                  label="Billed"
                  value={<span data-testid="spend-billed-total">{formatMicros(total.billed)}</span>}
                />
                <Stat
                  label="Margin"
                  value={formatMicros(total.billed - total.cost)}
                  hint={formatPercent(
                    total.billed ? (total.billed - total.cost) / total.billed : null,
                  )}
                />
              </div>
              <Card title="Cost against billed">
                {rows.length === 0 ? (
                  <p className="text-sm text-slate-600 dark:text-slate-400">
                    No usage in this range.
                  </p>
                ) : (
                  <div
                    role="img"
                    aria-label={`Upstream cost and billed revenue per ${groupBy}`}
                    className="h-64 text-slate-600 dark:text-slate-400"
                  >
                    <ResponsiveContainer width="100%" height="100%">
                      <BarChart
                        data={rows.slice(0, 30)}
                        margin={{ top: 8, right: 8, left: 8, bottom: 0 }}
                      >
                        <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
                        {/* interval 0: every bar is labelled (angled so long names fit), never every other one. */}
                        <XAxis
                          dataKey="name"
                          interval={0}
                          angle={-30}
                          textAnchor="end"
                          height={70}
                          tick={{ fontSize: 12, fill: "currentColor" }}
                        />
                        <YAxis
                          tickFormatter={(v: number) => formatMicros(v)}
                          tick={{ fontSize: 12, fill: "currentColor" }}
                          width={80}
                        />
                        <Tooltip formatter={(v) => formatMicros(Number(v))} />
                        <Legend />
                        <Bar
                          dataKey="costMicros"
                          name="Upstream cost"
                          fill="#f59e0b"
                          isAnimationActive={false}
                        />
                        <Bar
                          dataKey="billedMicros"
                          name="Billed"
                          fill="#10b981"
                          isAnimationActive={false}
                        />
                      </BarChart>
                    </ResponsiveContainer>
                  </div>
                )}
              </Card>
              <Card
                title={`By ${GROUPS.find((g) => g.value === groupBy)?.label.toLowerCase()}`}
                actions={
                  <Button onClick={csv} disabled={rows.length === 0}>
                    Download CSV
                  </Button>
                }
              >
                {rows.length === 0 ? (
                  <p className="text-sm text-slate-600 dark:text-slate-400">
                    No usage in this range.
                  </p>
                ) : (
                  <DataTable label="Spend" columns={columns} data={rows} rowId={(r) => r.name} />
                )}
              </Card>
            </div>
          );
        }}
      </QueryState>
    </>
  );
}
