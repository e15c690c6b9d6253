"use client";

import { useState } from "react";
import { formatMicros } from "@/lib/format/numbers";
import {
  usePrices,
  useSetDeploymentEnabled,
  useUpdatePrices,
  type PriceChange,
  type PriceRow,
} from "@/lib/queries/use-prices";
import { QueryState } from "../_components/query-state";
import { Button, Card, ErrorText, Field, Notice, PageHeader, Select } from "../_components/ui";
import { PreviewCard } from "./preview-card";

const dollars = (micros: number | null | undefined) =>
  micros == null ? "" : String(micros / 1_000_000);
const micros = (v: string) => (v.trim() === "" ? null : Math.round(Number(v) * 1_000_000));

/** Per-1M-token prices edited in dollars, saved together; deployments switched on and off one by one. */
function PricesTable({ rows }: { rows: PriceRow[] }) {
  const [edits, setEdits] = useState<Record<string, Record<string, string>>>({});
  const update = useUpdatePrices();
  const toggle = useSetDeploymentEnabled();
  const field = (row: PriceRow, name: keyof PriceRow) =>
    edits[row.id]?.[name] ?? dollars(row[name] as number | null);
  const set = (id: string, name: string, value: string) =>
    setEdits((e) => ({ ...e, [id]: { ...e[id], [name]: value } }));
  const changes: PriceChange[] = Object.entries(edits).map(([deploymentId, e]) => ({
    deploymentId,
    ...(e.inputPricePer1MMicros !== undefined && {
      inputPricePer1MMicros: micros(e.inputPricePer1MMicros) ?? 0,
    }),
    ...(e.outputPricePer1MMicros !== undefined && {
      outputPricePer1MMicros: micros(e.outputPricePer1MMicros) ?? 0,
    }),
    ...(e.billedPricePer1MMicros !== undefined && {
      billedPricePer1MMicros: micros(e.billedPricePer1MMicros),
    }),
  }));
  const input = (row: PriceRow, name: keyof PriceRow, label: string) => (
    <input
      type="number"
      min={0}
      step="0.000001"
      aria-label={`${label} for ${row.model}`}
      value={field(row, name)}
      onChange={(e) => set(row.id, name, e.target.value)}
      className="w-28 rounded-md border border-slate-300 bg-white px-2 py-1 text-right text-sm tabular-nums dark:border-slate-700 dark:bg-slate-950"
    />
  );
  return (
    <div className="space-y-3">
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" aria-label="Deployment prices">
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-700">
              <th scope="col" className="px-2 py-2 font-medium">
                Deployment
              </th>
              <th scope="col" className="px-2 py-2 font-medium">
                Kind
              </th>
              <th scope="col" className="px-2 py-2 font-medium">
                Routing
              </th>
              <th scope="col" className="px-2 py-2 font-medium">
                Input $ / 1M
              </th>
              <th scope="col" className="px-2 py-2 font-medium">
                Output $ / 1M
              </th>
              <th scope="col" className="px-2 py-2 font-medium">
                Billed $ / 1M
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className="border-b border-slate-100 dark:border-slate-800">
                <td className="px-2 py-2">
                  {row.model}
                  {row.belowCost && (
                    <span className="ml-2 rounded bg-amber-100 px-1 text-xs text-amber-900 dark:bg-amber-900 dark:text-amber-100">
                      billed below cost
                    </span>
                  )}
                </td>
                <td className="px-2 py-2">{row.kind === "embedding" ? "embeddings" : "chat"}</td>
                <td className="px-2 py-2">
                  <label className="inline-flex items-center gap-2">
                    <input
                      type="checkbox"
                      checked={row.enabled}
                      disabled={toggle.isPending}
                      onChange={(e) =>
                        toggle.mutate({ id: row.deploymentId ?? row.id, enabled: e.target.checked })
                      }
                    />
                    {row.enabled ? "enabled" : "disabled"}
                  </label>
                </td>
                <td className="px-2 py-2">{input(row, "inputPricePer1MMicros", "Input price")}</td>
                <td className="px-2 py-2">
                  {input(row, "outputPricePer1MMicros", "Output price")}
                </td>
                <td className="px-2 py-2">
                  {input(row, "billedPricePer1MMicros", "Billed price")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ErrorText>{update.error?.message ?? toggle.error?.message}</ErrorText>
      {update.isSuccess && changes.length === 0 && (
        <Notice tone="success">Prices saved; new requests use them.</Notice>
      )}
      <div className="flex gap-2">
        <Button
          variant="primary"
          disabled={changes.length === 0 || update.isPending}
          onClick={() => update.mutate(changes, { onSuccess: () => setEdits({}) })}
        >
          Save {changes.length || ""} price change{changes.length === 1 ? "" : "s"}
        </Button>
        <Button disabled={changes.length === 0} onClick={() => setEdits({})}>
          Discard
        </Button>
      </div>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        Prices in dollars per million tokens ({formatMicros(1_000_000)} = 1,000,000 micro-dollars).
        Past requests keep the price they were metered with.
      </p>
    </div>
  );
}

const KINDS = [
  { value: "", label: "Every kind" },
  { value: "chat", label: "Chat" },
  { value: "embedding", label: "Embeddings" },
] as const;

export function RoutingView() {
  const [kind, setKind] = useState<"" | "chat" | "embedding">("");
  const prices = usePrices(kind || undefined);
  return (
    <>
      <PageHeader
        title="Prices & routing"
        description="What each deployment costs, whether it takes traffic, and what a model name would be routed to right now."
      />
      <div className="space-y-6">
        <PreviewCard />
        <Card title="Prices">
          <div className="mb-3 w-48">
            <Field label="Show" id="prices-kind">
              <Select
                id="prices-kind"
                value={kind}
                onChange={(e) => setKind(e.target.value as typeof kind)}
              >
                {KINDS.map((k) => (
                  <option key={k.value} value={k.value}>
                    {k.label}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          <QueryState query={prices} isEmpty={(d) => d.data.length === 0} empty="No deployments.">
            {(d) => <PricesTable rows={d.data} />}
          </QueryState>
        </Card>
      </div>
    </>
  );
}
