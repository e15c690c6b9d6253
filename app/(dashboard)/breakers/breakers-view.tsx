"use client";

import { useMemo, useState } from "react";
import { formatCount } from "@/lib/format/numbers";
import { useCredentials, type Credential } from "@/lib/queries/use-credentials";
import { columnsFor, DataTable, type Columns } from "../_components/data-table";
import { QueryState } from "../_components/query-state";
import { StateBadge } from "../_components/state-badge";
import { RelTime } from "../_components/time";
import { Button, Card, PageHeader } from "../_components/ui";
import { AddKeyDialog } from "./add-key-dialog";
import { CloseDialog } from "./close-dialog";
import { ForceOpenDialog } from "./force-open-dialog";
import { HistoryPanel } from "./history-panel";

const ORDER: Record<string, number> = { quarantined: 0, open: 1, half_open: 2, closed: 3 };
const col = columnsFor<Credential>();

export function BreakersView() {
  const query = useCredentials();
  const [historyOf, setHistoryOf] = useState<Credential | null>(null);
  const [closing, setClosing] = useState<Credential | null>(null);
  const columns = useMemo(
    () =>
      [
        col.accessor("provider", { header: "Provider" }),
        col.accessor("label", { header: "Label" }),
        col.accessor("last4", {
          header: "Key",
          cell: (c) => <span className="whitespace-nowrap font-mono">…{c.getValue()}</span>,
          enableSorting: false,
        }),
        col.accessor((c) => ORDER[c.state] ?? 9, {
          id: "state",
          header: "State",
          cell: (c) => <StateBadge state={c.row.original.state} />,
        }),
        col.accessor("lastErrorClass", {
          header: "Failure class",
          cell: (c) => c.getValue()?.replace(/_/g, " ") ?? "—",
        }),
        col.accessor("openedAt", {
          header: "Since",
          cell: (c) => (c.row.original.state === "closed" ? "—" : <RelTime at={c.getValue()} />),
        }),
        col.accessor("retryAt", {
          header: "Next probe",
          cell: (c) =>
            c.row.original.state === "quarantined" ? (
              "only a person closes it"
            ) : c.row.original.state === "closed" ? (
              "—"
            ) : (
              <RelTime at={c.getValue()} />
            ),
        }),
        col.accessor("failures", {
          header: "Failures",
          cell: (c) => <span className="tabular-nums">{formatCount(c.getValue())}</span>,
        }),
        col.accessor((c) => c.lastError ?? "", {
          id: "lastError",
          header: "Last error",
          cell: (c) => <span className="line-clamp-2 max-w-72 text-xs">{c.getValue() || "—"}</span>,
          enableSorting: false,
        }),
        col.display({
          id: "actions",
          header: () => <span className="sr-only">Actions</span>,
          cell: (c) => {
            const cred = c.row.original;
            return (
              <div className="flex flex-wrap gap-1">
                {cred.state !== "closed" && (
                  <Button
                    size="sm"
                    variant="primary"
                    aria-label={`Close breaker of ${cred.label}`}
                    onClick={() => setClosing(cred)}
                  >
                    Close…
                  </Button>
                )}
                {cred.state !== "open" && cred.state !== "quarantined" && (
                  <ForceOpenDialog credential={cred} />
                )}
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => setHistoryOf(cred)}
                  aria-label={`History of ${cred.label}`}
                >
                  History
                </Button>
              </div>
            );
          },
        }),
      ] as Columns<Credential>,
    [],
  );
  return (
    <>
      <PageHeader
        title="Providers & breakers"
        description="One row per provider credential, refreshed every 3 seconds. Close a tripped breaker after verifying the key, force one open, or add a key."
        actions={
          <AddKeyDialog providers={[...new Set(query.data?.data.map((c) => c.provider) ?? [])]} />
        }
      />
      <div className="space-y-6">
        <Card title="Credentials">
          <QueryState
            query={query}
            isEmpty={(d) => d.data.length === 0}
            empty="No provider credentials yet: add a key."
          >
            {(d) => (
              <DataTable
                label="Credentials"
                columns={columns}
                data={[...d.data].sort((a, b) => (ORDER[a.state] ?? 9) - (ORDER[b.state] ?? 9))}
                rowId={(c) => c.id}
                pageSize={50}
              />
            )}
          </QueryState>
        </Card>
        {historyOf && <HistoryPanel credential={historyOf} onClose={() => setHistoryOf(null)} />}
        {closing && (
          <CloseDialog key={closing.id} credential={closing} onDone={() => setClosing(null)} />
        )}
      </div>
    </>
  );
}
