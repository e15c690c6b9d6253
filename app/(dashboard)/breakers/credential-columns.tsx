"use client";

import { useMemo } from "react";
import { formatCount } from "@/lib/format/numbers";
import type { Credential } from "@/lib/queries/use-credentials";
import { columnsFor, type Columns } from "../_components/data-table";
import { StateBadge } from "../_components/state-badge";
import { RelTime } from "../_components/time";
import { Button } from "../_components/ui";
import { ForceOpenDialog } from "./force-open-dialog";

export const STATE_ORDER: Record<string, number> = {
  quarantined: 0,
  open: 1,
  half_open: 2,
  closed: 3,
};
const col = columnsFor<Credential>();

/** A credential's breaker is forced open by a person: open with no retry time. */
export const forcedOpen = (c: { state: string; retryAt: string | null }) =>
  c.state === "open" && c.retryAt === null;

/** The columns of a provider's credentials table; the actions open the page's dialogs. */
export function useCredentialColumns({
  onClose,
  onHistory,
}: {
  onClose: (c: Credential) => void;
  onHistory: (c: Credential) => void;
}): Columns<Credential> {
  return useMemo(
    () =>
      [
        col.accessor("label", { header: "Label" }),
        col.accessor("last4", {
          header: "Key",
          cell: (c) => <span className="whitespace-nowrap font-mono">…{c.getValue()}</span>,
          enableSorting: false,
        }),
        col.accessor((c) => STATE_ORDER[c.state] ?? 9, {
          id: "state",
          header: "State",
          cell: (c) => (
            <StateBadge state={c.row.original.state} forced={forcedOpen(c.row.original)} />
          ),
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
          cell: (c) => {
            const cred = c.row.original;
            if (cred.state === "quarantined") return "only a person closes it";
            if (forcedOpen(cred)) return "none: forced open";
            if (cred.state === "closed") return "—";
            return <RelTime at={c.getValue()} />;
          },
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
                    onClick={() => onClose(cred)}
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
                  onClick={() => onHistory(cred)}
                  aria-label={`History of ${cred.label}`}
                >
                  History
                </Button>
              </div>
            );
          },
        }),
      ] as Columns<Credential>,
    [onClose, onHistory],
  );
}
