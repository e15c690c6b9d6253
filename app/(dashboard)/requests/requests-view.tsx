"use client";

import { useMemo, useState } from "react";
import { formatMicros, formatMs, formatTokens } from "@/lib/format/numbers";
import { useRequests, type RequestFilters, type RequestRow } from "@/lib/queries/use-requests";
import { useTenants } from "@/lib/queries/use-tenants";
import { columnsFor, DataTable, type Columns } from "../_components/data-table";
import {
  CursorPager,
  FilterBar,
  InputField,
  SelectField,
  TenantSelect,
  useCursorPages,
} from "../_components/list-controls";
import { QueryState } from "../_components/query-state";
import { RelTime } from "../_components/time";
import { Card, PageHeader } from "../_components/ui";

const col = columnsFor<RequestRow>();
const statusOf = (r: RequestRow) => r.httpStatus ?? r.status ?? 0;
const API_OPTIONS = [
  { value: "", label: "All APIs" },
  { value: "chat", label: "Chat Completions" },
  { value: "messages", label: "Anthropic Messages" },
  { value: "responses", label: "Responses" },
  { value: "embeddings", label: "Embeddings" },
] as const;

export function RequestsView() {
  const [filters, setFilters] = useState<RequestFilters>({});
  const pages = useCursorPages();
  const query = useRequests(filters, pages.cursor);
  const tenants = useTenants();
  const tenantName = useMemo(
    () => new Map((tenants.data?.data ?? []).map((t) => [t.id, t.name])),
    [tenants.data],
  );
  const columns = useMemo(
    () =>
      [
        col.accessor("createdAt", { header: "When", cell: (c) => <RelTime at={c.getValue()} /> }),
        col.accessor((r) => r.tenantName ?? r.tenantId, { id: "tenant", header: "Tenant" }),
        col.accessor((r) => r.model ?? r.modelRequested ?? "", { id: "model", header: "Model" }),
        col.accessor((r) => r.provider ?? r.providerId ?? "—", {
          id: "provider",
          header: "Provider",
        }),
        col.accessor((r) => r.api ?? "chat", { id: "api", header: "API" }),
        col.accessor(statusOf, {
          id: "status",
          header: "Status",
          cell: (c) => (
            <span
              className={c.getValue() >= 400 ? "font-medium text-red-700 dark:text-red-400" : ""}
            >
              {c.getValue()}
            </span>
          ),
        }),
        col.accessor((r) => r.promptTokens + r.completionTokens, {
          id: "tokens",
          header: "Tokens",
          cell: (c) => (
            <span
              className="tabular-nums"
              title={`${c.row.original.promptTokens} prompt + ${c.row.original.completionTokens} completion`}
            >
              {formatTokens(c.getValue())}
            </span>
          ),
        }),
        col.accessor((r) => r.billedMicros ?? 0, {
          id: "billed",
          header: "Billed",
          cell: (c) => <span className="tabular-nums">{formatMicros(c.getValue())}</span>,
        }),
        col.accessor("latencyMs", {
          header: "Latency",
          cell: (c) => <span className="tabular-nums">{formatMs(c.getValue())}</span>,
        }),
        col.accessor((r) => r.attempts ?? 1, { id: "attempts", header: "Attempts" }),
        col.accessor("requestId", {
          header: "Request id",
          enableSorting: false,
          cell: (c) => <span className="font-mono text-xs">{c.getValue()}</span>,
        }),
      ] as Columns<RequestRow>,
    [],
  );
  return (
    <>
      <PageHeader
        title="Requests"
        description="The request log: metadata only, never prompts or completions. The first page refreshes every 5 seconds."
      />
      <FilterBar
        label="Filter requests"
        primary
        fields={["tenantId", "model", "provider", "api", "status"] as const}
        onApply={(values) => {
          setFilters(values);
          pages.reset();
        }}
      >
        <TenantSelect id="rq-tenant" anyLabel="All tenants" tenants={tenants.data?.data ?? []} />
        <InputField id="rq-model" label="Model" name="model" placeholder="e.g. auto" />
        <InputField id="rq-provider" label="Provider" width="w-40" name="provider" />
        <SelectField id="rq-api" label="API" width="w-44" name="api" options={API_OPTIONS} />
        <InputField
          id="rq-status"
          label="Status"
          width="w-28"
          name="status"
          type="number"
          min={100}
          max={599}
        />
      </FilterBar>
      <Card title="Request log">
        <QueryState query={query} isEmpty={(d) => d.data.length === 0} empty="No requests match.">
          {(d) => (
            <DataTable
              label="Request log"
              columns={columns}
              data={d.data.map((r) => ({
                ...r,
                tenantName: tenantName.get(r.tenantId) ?? null,
              }))}
              rowId={(r) => r.requestId}
              pageSize={d.data.length || 1}
            />
          )}
        </QueryState>
        <CursorPager pages={pages} nextCursor={query.data?.nextCursor} />
      </Card>
    </>
  );
}
