"use client";

import { alertTextForPage } from "@/lib/format/alert-text";
import { useMemo, useState } from "react";
import { useAlerts, type AlertRow } from "@/lib/queries/use-alerts";
import { useAudit, type AuditRow } from "@/lib/queries/use-audit";
import { columnsFor, DataTable, type Columns } from "../_components/data-table";
import { CursorPager, FilterBar, InputField, useCursorPages } from "../_components/list-controls";
import { QueryState } from "../_components/query-state";
import { StatusBadge } from "../_components/state-badge";
import { RelTime } from "../_components/time";
import { Card, PageHeader } from "../_components/ui";

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
  const pages = useCursorPages();
  const audit = useAudit(filters, pages.cursor);
  const alertColumns = useMemo(
    () =>
      [
        alertCol.accessor("createdAt", {
          header: "When",
          cell: (c) => <RelTime at={c.getValue()} />,
        }),
        alertCol.accessor("kind", { header: "Kind", cell: (c) => c.getValue().replace(/_/g, " ") }),
        alertCol.accessor("message", {
          header: "Message",
          cell: (c) => alertTextForPage(c.getValue()),
          enableSorting: false,
        }),
        alertCol.accessor((a) => deliveryStatus(a), {
          id: "delivery",
          header: "Webhook",
          cell: (c) => <StatusBadge status={c.getValue()} />,
        }),
        alertCol.accessor("attempts", { header: "Attempts" }),
        alertCol.accessor((a) => a.lastError ?? "", {
          id: "lastError",
          header: "Last error",
          enableSorting: false,
          cell: (c) => <span className="text-xs">{c.getValue() || "—"}</span>,
        }),
      ] as Columns<AlertRow>,
    [],
  );
  const auditColumns = useMemo(
    () =>
      [
        auditCol.accessor("createdAt", {
          header: "When",
          cell: (c) => <RelTime at={c.getValue()} />,
        }),
        auditCol.accessor("actor", { header: "Actor" }),
        auditCol.accessor("action", { header: "Action" }),
        auditCol.accessor((a) => `${a.targetType}${a.targetId ? ` ${a.targetId}` : ""}`, {
          id: "target",
          header: "Target",
          cell: (c) => <span className="font-mono text-xs">{c.getValue()}</span>,
        }),
        auditCol.accessor((a) => details(a.details), {
          id: "details",
          header: "Details",
          enableSorting: false,
          cell: (c) => (
            <span className="line-clamp-2 max-w-96 font-mono text-xs">{c.getValue()}</span>
          ),
        }),
      ] as Columns<AuditRow>,
    [],
  );
  return (
    <>
      <PageHeader
        title="Alerts & audit"
        description="Every alert raised and whether its webhook delivery succeeded; who did what, when."
      />
      <div className="space-y-6">
        <Card title="Alerts">
          <QueryState
            query={alerts}
            isEmpty={(d) => d.data.length === 0}
            empty="No alerts have been raised."
          >
            {(d) => (
              <DataTable label="Alerts" columns={alertColumns} data={d.data} rowId={(a) => a.id} />
            )}
          </QueryState>
        </Card>
        <Card title="Audit trail">
          <FilterBar
            label="Filter the audit trail"
            fields={["actor", "action"] as const}
            onApply={(values) => {
              setFilters(values);
              pages.reset();
            }}
          >
            <InputField
              id="audit-actor"
              label="Actor"
              name="actor"
              placeholder="e.g. admin-api-key"
            />
            <InputField
              id="audit-action"
              label="Action"
              name="action"
              placeholder="e.g. breaker.closed"
            />
          </FilterBar>
          <QueryState
            query={audit}
            isEmpty={(d) => d.data.length === 0}
            empty="Nothing recorded for these filters."
          >
            {(d) => (
              <DataTable
                label="Audit trail"
                columns={auditColumns}
                data={d.data}
                rowId={(a) => String(a.id)}
                pageSize={100}
              />
            )}
          </QueryState>
          <CursorPager pages={pages} nextCursor={audit.data?.nextCursor} />
        </Card>
      </div>
    </>
  );
}
