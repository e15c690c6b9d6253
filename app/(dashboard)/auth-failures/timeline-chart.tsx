"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { AuthFailureTimeline } from "@/lib/queries/use-auth-failures";
import { transitionMarks } from "./transition-marks";

const PALETTE = [
  "#dc2626",
  "#f59e0b",
  "#7c3aed",
  "#0891b2",
  "#db2777",
  "#65a30d",
  "#2563eb",
  "#ea580c",
];
const AXIS = { fontSize: 12, fill: "currentColor" };

/**
 * 401/403 per credential per bucket as stacked bars, every bucket of the range present
 * (zeros included), with each breaker transition drawn as a labelled vertical line.
 */
export function TimelineChart({
  timeline,
  labelOf,
}: {
  timeline: AuthFailureTimeline;
  labelOf: (credentialId: string) => string;
}) {
  const step = timeline.bucketSeconds * 1000;
  const start = Math.floor(new Date(timeline.from).getTime() / step) * step;
  const end = new Date(timeline.to).getTime();
  const credentials = [...new Set(timeline.buckets.map((b) => b.credentialId))];
  const rows = new Map<number, Record<string, number>>();
  for (let t = start; t <= end; t += step) rows.set(t, { at: t });
  for (const b of timeline.buckets) {
    const t = new Date(b.at).getTime();
    const row = rows.get(t) ?? { at: t };
    row[b.credentialId] = (row[b.credentialId] ?? 0) + b.count;
    rows.set(t, row);
  }
  const data = [...rows.values()].sort((a, b) => a.at! - b.at!);
  // At most about eight labels across the chart, so none prints over its neighbour.
  const marks = transitionMarks(timeline.transitions, step, Math.max(step, (end - start) / 8));
  const fmt = (t: number) =>
    new Date(t).toISOString().slice(step >= 86_400_000 ? 5 : 11, step >= 86_400_000 ? 10 : 16);
  return (
    <div
      role="img"
      aria-label={`Auth failures over time: ${timeline.total} in range across ${credentials.length} credentials, ${timeline.transitions.length} breaker transitions marked`}
      className="h-72 text-slate-600 dark:text-slate-400"
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 16, right: 8, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
          <XAxis
            dataKey="at"
            type="number"
            scale="time"
            domain={[start, end]}
            tickFormatter={fmt}
            tick={AXIS}
          />
          <YAxis allowDecimals={false} tick={AXIS} width={40} />
          <Tooltip
            labelFormatter={(t) =>
              `${new Date(Number(t)).toISOString().slice(0, 16).replace("T", " ")} UTC`
            }
            formatter={(v, name) => [v, labelOf(String(name))]}
          />
          <Legend formatter={(name) => labelOf(String(name))} />
          {credentials.map((c, i) => (
            <Bar
              key={c}
              dataKey={c}
              stackId="failures"
              fill={PALETTE[i % PALETTE.length]}
              isAnimationActive={false}
            />
          ))}
          {marks.map((mark) => (
            <ReferenceLine
              key={mark.x}
              x={mark.x}
              stroke={mark.closed ? "#059669" : "#991b1b"}
              strokeDasharray="4 2"
              label={
                mark.labelled
                  ? { value: mark.text, position: "top", fontSize: 10, fill: "currentColor" }
                  : undefined
              }
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
