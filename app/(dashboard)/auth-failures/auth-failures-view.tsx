"use client";

import { useMemo, useState } from "react";
import { formatCount } from "@/lib/format/numbers";
import {
  useAuthFailureEvents,
  useAuthFailureTimeline,
  type AuthFailureEvent,
} from "@/lib/queries/use-auth-failures";
import { useCredentials } from "@/lib/queries/use-credentials";
import { columnsFor, DataTable, type Columns } from "../_components/data-table";
import { SelectField } from "../_components/list-controls";
import { QueryState } from "../_components/query-state";
import { StateBadge } from "../_components/state-badge";
import { RelTime } from "../_components/time";
import { Card, PageHeader } from "../_components/ui";
import { TimelineChart } from "./timeline-chart";

const RANGES = [
  { minutes: 15, label: "Last 15 minutes" },
  { minutes: 60, label: "Last hour" },
  { minutes: 360, label: "Last 6 hours" },
  { minutes: 1440, label: "Last 24 hours" },
  { minutes: 10_080, label: "Last 7 days" },
];
const col = columnsFor<AuthFailureEvent>();

export function AuthFailuresView() {
  const [rangeMinutes, setRange] = useState(60);
  const [credentialId, setCredential] = useState("");
  const credentials = useCredentials();
  const labelOf = useMemo(() => {
    const byId = new Map(
      (credentials.data?.data ?? []).map((c) => [c.id, `${c.label} …${c.last4}`]),
    );
    return (id: string) => byId.get(id) ?? id;
  }, [credentials.data]);
  const filter = { rangeMinutes, credentialId: credentialId || undefined };
  const timeline = useAuthFailureTimeline(filter);
  const events = useAuthFailureEvents({ ...filter, limit: 500 });
  const columns = useMemo(
    () =>
      [
        col.accessor("at", { header: "When", cell: (c) => <RelTime at={c.getValue()} /> }),
        col.accessor((e) => e.credential ?? e.credentialId, {
          id: "credential",
          header: "Credential",
        }),
        col.accessor("provider", { header: "Provider" }),
        col.accessor("status", { header: "HTTP" }),
        col.accessor("errorClass", {
          header: "Class",
          cell: (c) => c.getValue().replace(/_/g, " "),
        }),
        col.accessor((e) => e.code ?? "", { id: "code", header: "Code" }),
        col.accessor((e) => e.message ?? "", {
          id: "message",
          header: "Message",
          enableSorting: false,
          cell: (c) => <span className="line-clamp-2 max-w-96 text-xs">{c.getValue()}</span>,
        }),
        col.accessor("requestId", {
          header: "Request",
          enableSorting: false,
          cell: (c) => <span className="font-mono text-xs">{c.getValue()}</span>,
        }),
      ] as Columns<AuthFailureEvent>,
    [],
  );
  return (
    <>
      <PageHeader
        title="Auth failures"
        description="Every 401 and 403 a provider answered, per credential, with breaker transitions marked. Refreshes every 5 seconds."
      />
      <div className="no-print mb-4 flex flex-wrap gap-4">
        <SelectField
          id="af-range"
          label="Range"
          width="w-48"
          value={rangeMinutes}
          onChange={(e) => setRange(Number(e.target.value))}
          options={RANGES.map((r) => ({ value: r.minutes, label: r.label }))}
        />
        <SelectField
          id="af-credential"
          label="Credential"
          width="w-64"
          value={credentialId}
          onChange={(e) => setCredential(e.target.value)}
          options={[
            { value: "", label: "All credentials" },
            ...(credentials.data?.data ?? []).map((c) => ({
              value: c.id,
              label: `${c.provider} · ${c.label} …${c.last4}`,
            })),
          ]}
        />
      </div>
      <div className="space-y-6">
        <Card title="Timeline">
          <QueryState query={timeline}>
            {(t) => (
              <>
                <p className="mb-2 text-sm" data-testid="auth-failure-total">
                  {formatCount(t.total)} auth failures in range,{" "}
                  {t.bucketSeconds >= 3600
                    ? `${t.bucketSeconds / 3600} h`
                    : `${t.bucketSeconds / 60} min`}{" "}
                  per bar.
                </p>
                <TimelineChart timeline={t} labelOf={labelOf} />
                {t.transitions.length > 0 && (
                  <ol aria-label="Breaker transitions in range" className="mt-4 space-y-1 text-sm">
                    {t.transitions.map((e) => (
                      <li key={e.id} className="flex flex-wrap items-center gap-2">
                        <RelTime at={e.at} /> {labelOf(e.credentialId ?? "")}:{" "}
                        <StateBadge state={e.from} /> → <StateBadge state={e.to} /> by {e.actor}
                        {e.note && <q className="italic">{e.note}</q>}
                      </li>
                    ))}
                  </ol>
                )}
              </>
            )}
          </QueryState>
        </Card>
        <Card title="Events">
          <QueryState
            query={events}
            isEmpty={(d) => d.data.length === 0}
            empty="No auth failures in this range."
          >
            {(d) => (
              <DataTable
                label="Auth failure events"
                columns={columns}
                data={d.data.map((e) => ({ ...e, credential: labelOf(e.credentialId) }))}
                rowId={(e) => String(e.id)}
              />
            )}
          </QueryState>
        </Card>
      </div>
    </>
  );
}
