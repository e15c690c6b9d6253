"use client";

import { useMemo, useState, type FormEvent } from "react";
import { formatMicros, formatMs, formatTokens } from "@/lib/format/numbers";
import { useRequests, type RequestFilters, type RequestRow } from "@/lib/queries/use-requests";
import { useTenants } from "@/lib/queries/use-tenants";
import { columnsFor, DataTable, type Columns } from "../_components/data-table";
import { QueryState } from "../_components/query-state";
import { RelTime } from "../_components/time";
import { Button, Card, Field, Input, PageHeader, Select } from "../_components/ui";

const col = columnsFor<RequestRow>();
const statusOf = (r: RequestRow) => r.httpStatus ?? r.status ?? 0;

export function RequestsView() {
  const [filters, setFilters] = useState<RequestFilters>({});
  // Cursors of the pages before this one, so Previous works with a forward-only cursor.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const query = useRequests(filters, cursor);
  const tenants = useTenants();
  const tenantName = useMemo(() => new Map((tenants.data?.data ?? []).map((t) => [t.id, t.name])), [tenants.data]);
  const columns = useMemo(
    () =>
      [
        col.accessor("createdAt", { header: "When", cell: (c) => <RelTime at={c.getValue()} /> }),
        col.accessor((r) => r.tenantName ?? r.tenantId, { id: "tenant", header: "Tenant" }),
        col.accessor((r) => r.model ?? r.modelRequested ?? "", { id: "model", header: "Model" }),
        col.accessor((r) => r.provider ?? r.providerId ?? "—", { id: "provider", header: "Provider" }),
        col.accessor(statusOf, { id: "status", header: "Status", cell: (c) => <span className={c.getValue() >= 400 ? "font-medium text-red-700 dark:text-red-400" : ""}>{c.getValue()}</span> }),
        col.accessor((r) => r.promptTokens + r.completionTokens, { id: "tokens", header: "Tokens", cell: (c) => <span className="tabular-nums" title={`${c.row.original.promptTokens} prompt + ${c.row.original.completionTokens} completion`}>{formatTokens(c.getValue())}</span> }),
        col.accessor((r) => r.billedMicros ?? 0, { id: "billed", header: "Billed", cell: (c) => <span className="tabular-nums">{formatMicros(c.getValue())}</span> }),
        col.accessor("latencyMs", { header: "Latency", cell: (c) => <span className="tabular-nums">{formatMs(c.getValue())}</span> }),
        col.accessor((r) => r.attempts ?? 1, { id: "attempts", header: "Attempts" }),
        col.accessor("requestId", { header: "Request id", enableSorting: false, cell: (c) => <span className="font-mono text-xs">{c.getValue()}</span> }),
      ] as Columns<RequestRow>,
    [],
  );
  function onFilter(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const v = (k: string) => String(f.get(k) ?? "").trim() || undefined;
    setFilters({ tenantId: v("tenantId"), model: v("model"), provider: v("provider"), status: v("status") });
    setCursors([undefined]);
  }
  return (
    <>
      <PageHeader title="Requests" description="The request log: metadata only, never prompts or completions. The first page refreshes every 5 seconds." />
      <form onSubmit={onFilter} className="no-print mb-4 flex flex-wrap items-end gap-3" aria-label="Filter requests">
        <div className="w-56">
          <Field label="Tenant" id="rq-tenant">
            <Select id="rq-tenant" name="tenantId" defaultValue="">
              <option value="">All tenants</option>
              {(tenants.data?.data ?? []).map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <div className="w-56">
          <Field label="Model" id="rq-model">
            <Input id="rq-model" name="model" placeholder="e.g. auto" />
          </Field>
        </div>
        <div className="w-40">
          <Field label="Provider" id="rq-provider">
            <Input id="rq-provider" name="provider" />
          </Field>
        </div>
        <div className="w-28">
          <Field label="Status" id="rq-status">
            <Input id="rq-status" name="status" type="number" min={100} max={599} />
          </Field>
        </div>
        <Button type="submit" variant="primary">
          Apply filters
        </Button>
      </form>
      <Card title="Request log">
        <QueryState query={query} isEmpty={(d) => d.data.length === 0} empty="No requests match.">
          {(d) => <DataTable label="Request log" columns={columns} data={d.data.map((r) => ({ ...r, tenantName: r.tenantName ?? tenantName.get(r.tenantId) ?? null }))} rowId={(r) => r.requestId} pageSize={d.data.length || 1} />}
        </QueryState>
        <div className="no-print mt-3 flex items-center gap-2 text-sm">
          <Button size="sm" disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
            Newer
          </Button>
          <span>Page {cursors.length}</span>
          <Button size="sm" disabled={!query.data?.nextCursor} onClick={() => setCursors((c) => [...c, query.data?.nextCursor ?? undefined])}>
            Older
          </Button>
        </div>
      </Card>
    </>
  );
}
