"use client";

import { useMemo, useState, type FormEvent } from "react";
import { useAlerts, type AlertRow } from "@/lib/queries/use-alerts";
import { useAudit, type AuditRow } from "@/lib/queries/use-audit";
import { columnsFor, DataTable, type Columns } from "../_components/data-table";
import { QueryState } from "../_components/query-state";
import { StatusBadge } from "../_components/state-badge";
import { RelTime } from "../_components/time";
import { Button, Card, Field, Input, PageHeader } from "../_components/ui";

const alertCol = columnsFor<AlertRow>();
const auditCol = columnsFor<AuditRow>();

function deliveryStatus(a: AlertRow): string {
  if (a.delivered) return "delivered";
  if (a.attempts > 0) return "failed";
  return "not sent";
}

function details(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = JSON.stringify(value);
  return text === "{}" ? "" : text;
}

export function AlertsView() {
  const alerts = useAlerts();
  const [filters, setFilters] = useState<{ actor?: string; action?: string }>({});
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const audit = useAudit(filters, cursors[cursors.length - 1]);
  const alertColumns = useMemo(
    () =>
      [
        alertCol.accessor("createdAt", { header: "When", cell: (c) => <RelTime at={c.getValue()} /> }),
        alertCol.accessor("kind", { header: "Kind", cell: (c) => c.getValue().replace(/_/g, " ") }),
        alertCol.accessor("message", { header: "Message", enableSorting: false }),
        alertCol.accessor((a) => deliveryStatus(a), { id: "delivery", header: "Webhook", cell: (c) => <StatusBadge status={c.getValue()} /> }),
        alertCol.accessor("attempts", { header: "Attempts" }),
        alertCol.accessor((a) => a.lastError ?? "", { id: "lastError", header: "Last error", enableSorting: false, cell: (c) => <span className="text-xs">{c.getValue() || "—"}</span> }),
      ] as Columns<AlertRow>,
    [],
  );
  const auditColumns = useMemo(
    () =>
      [
        auditCol.accessor("createdAt", { header: "When", cell: (c) => <RelTime at={c.getValue()} /> }),
        auditCol.accessor("actor", { header: "Actor" }),
        auditCol.accessor("action", { header: "Action" }),
        auditCol.accessor((a) => `${a.targetType}${a.targetId ? ` ${a.targetId}` : ""}`, { id: "target", header: "Target", cell: (c) => <span className="font-mono text-xs">{c.getValue()}</span> }),
        auditCol.accessor((a) => details(a.details), { id: "details", header: "Details", enableSorting: false, cell: (c) => <span className="line-clamp-2 max-w-96 font-mono text-xs">{c.getValue()}</span> }),
      ] as Columns<AuditRow>,
    [],
  );
  function onFilter(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const v = (k: string) => String(f.get(k) ?? "").trim() || undefined;
    setFilters({ actor: v("actor"), action: v("action") });
    setCursors([undefined]);
  }
  return (
    <>
      <PageHeader title="Alerts & audit" description="Every alert raised and whether its webhook delivery succeeded; who did what, when." />
      <div className="space-y-6">
        <Card title="Alerts">
          <QueryState query={alerts} isEmpty={(d) => d.data.length === 0} empty="No alerts have been raised.">
            {(d) => <DataTable label="Alerts" columns={alertColumns} data={d.data} rowId={(a) => a.id} />}
          </QueryState>
        </Card>
        <Card title="Audit trail">
          <form onSubmit={onFilter} className="no-print mb-4 flex flex-wrap items-end gap-3" aria-label="Filter the audit trail">
            <div className="w-56">
              <Field label="Actor" id="audit-actor">
                <Input id="audit-actor" name="actor" placeholder="e.g. admin-api-key" />
              </Field>
            </div>
            <div className="w-56">
              <Field label="Action" id="audit-action">
                <Input id="audit-action" name="action" placeholder="e.g. breaker.closed" />
              </Field>
            </div>
            <Button type="submit">Apply filters</Button>
          </form>
          <QueryState query={audit} isEmpty={(d) => d.data.length === 0} empty="Nothing recorded for these filters.">
            {(d) => <DataTable label="Audit trail" columns={auditColumns} data={d.data} rowId={(a) => String(a.id)} pageSize={100} />}
          </QueryState>
          <div className="no-print mt-3 flex items-center gap-2 text-sm">
            <Button size="sm" disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
              Newer
            </Button>
            <span>Page {cursors.length}</span>
            <Button size="sm" disabled={!audit.data?.nextCursor} onClick={() => setCursors((c) => [...c, audit.data?.nextCursor ?? undefined])}>
              Older
            </Button>
          </div>
        </Card>
      </div>
    </>
  );
}
