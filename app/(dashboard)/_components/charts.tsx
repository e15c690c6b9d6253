"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatMicros } from "@/lib/format/numbers";

const AXIS = { fontSize: 12, fill: "currentColor" };
const TOOLTIP_STYLE = {
  backgroundColor: "var(--color-slate-900)",
  color: "white",
  border: "none",
  borderRadius: 6,
  fontSize: 12,
};

function hhmm(iso: string): string {
  return iso.slice(11, 16);
}

/** Requests, failures (5xx) and refusals (4xx) per minute (UTC minutes on the axis). */
export function RequestsChart({
  data,
}: {
  data: { minute: string; requests: number; errors: number; refused: number }[];
}) {
  const sum = (k: "requests" | "errors" | "refused") => data.reduce((s, d) => s + d[k], 0);
  return (
    <div
      role="img"
      aria-label={`Requests per minute over the last hour: ${sum("requests")} requests, ${sum("errors")} failed, ${sum("refused")} refused`}
      className="h-56 text-slate-600 dark:text-slate-400"
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
          <XAxis dataKey="minute" tickFormatter={hhmm} tick={AXIS} minTickGap={24} />
          <YAxis allowDecimals={false} tick={AXIS} width={40} />
          <Tooltip
            labelFormatter={(l) => `${String(l).slice(0, 16).replace("T", " ")} UTC`}
            contentStyle={TOOLTIP_STYLE}
          />
          <Legend />
          <Bar
            dataKey="requests"
            name="Requests"
            stackId="a"
            fill="#6366f1"
            isAnimationActive={false}
          />
          <Bar
            dataKey="errors"
            name="Failed (5xx)"
            stackId="b"
            fill="#dc2626"
            isAnimationActive={false}
          />
          <Bar
            dataKey="refused"
            name="Refused (4xx)"
            stackId="b"
            fill="#d97706"
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Upstream cost and billed revenue per day (micro-dollars), as lines. */
export function SpendChart({
  data,
}: {
  data: { day: string; costMicros: number; billedMicros: number }[];
}) {
  return (
    <div
      role="img"
      aria-label={`Spend per day: ${data.length} days`}
      className="h-56 text-slate-600 dark:text-slate-400"
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 8, left: 8, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
          <XAxis dataKey="day" tick={AXIS} tickFormatter={(d: string) => d.slice(5)} />
          <YAxis tick={AXIS} tickFormatter={(v: number) => formatMicros(v)} width={72} />
          <Tooltip formatter={(v) => formatMicros(Number(v))} contentStyle={TOOLTIP_STYLE} />
          <Legend />
          <Line
            type="monotone"
            dataKey="costMicros"
            name="Upstream cost"
            stroke="#f59e0b"
            dot={false}
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="billedMicros"
            name="Billed"
            stroke="#10b981"
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
