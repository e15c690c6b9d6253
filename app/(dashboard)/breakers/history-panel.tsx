"use client";

import { useEffect, useRef } from "react";
import { useCredentialHistory, type Credential } from "@/lib/queries/use-credentials";
import { QueryState } from "../_components/query-state";
import { StateBadge } from "../_components/state-badge";
import { RelTime } from "../_components/time";
import { Button, Card } from "../_components/ui";

/**
 * A credential's transitions, newest first, with who moved it and the note they left.
 * Scrolled into view when opened: the button that opens it may be far down the page.
 */
export function HistoryPanel({
  credential,
  onClose,
}: {
  credential: Credential;
  onClose: () => void;
}) {
  const query = useCredentialHistory(credential.id);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ block: "start" });
    ref.current?.focus();
  }, [credential.id]);
  return (
    <div ref={ref} tabIndex={-1} className="scroll-mt-4 outline-none">
      <Card
        title={`History: ${credential.label} (…${credential.last4})`}
        actions={
          <Button size="sm" onClick={onClose}>
            Hide history
          </Button>
        }
      >
        <QueryState
          query={query}
          isEmpty={(d) => d.data.length === 0}
          empty="No transitions yet: this breaker has always been closed."
        >
          {(d) => (
            <ol aria-label={`Transitions of ${credential.label}`} className="space-y-2 text-sm">
              {d.data.map((e) => (
                <li
                  key={e.id}
                  className="flex flex-wrap items-center gap-2 border-b border-slate-100 pb-2 dark:border-slate-800"
                >
                  <RelTime at={e.at} />
                  <StateBadge state={e.from} /> <span aria-label="to">→</span>{" "}
                  <StateBadge state={e.to} />
                  <span className="font-medium">{e.actor}</span>
                  {e.errorClass && <span>({e.errorClass.replace(/_/g, " ")})</span>}
                  <span className="text-slate-600 dark:text-slate-400">{e.reason}</span>
                  {e.note && <q className="italic">{e.note}</q>}
                </li>
              ))}
            </ol>
          )}
        </QueryState>
      </Card>
    </div>
  );
}
