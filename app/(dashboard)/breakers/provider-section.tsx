"use client";

import type { Credential } from "@/lib/queries/use-credentials";
import type { ProviderBreaker } from "@/lib/queries/use-providers";
import { DataTable, type Columns } from "../_components/data-table";
import { StateBadge } from "../_components/state-badge";
import { RelTime } from "../_components/time";
import { STATE_ORDER } from "./credential-columns";
import { ProviderBreakerDialog } from "./provider-breaker-dialog";

const DOWN_WORDS: Record<string, string> = {
  provider_breaker: "its own breaker is not closed",
  no_credential_serving: "none of its keys can serve",
};

/**
 * One provider: its own breaker (state, since, next probe, why, who forced it) with the
 * close / force-open actions, above the table of its credentials.
 */
export function ProviderSection({
  provider: p,
  columns,
}: {
  provider: ProviderBreaker;
  columns: Columns<Credential>;
}) {
  const headingId = `provider-${p.provider}`;
  return (
    <section
      aria-labelledby={headingId}
      className={
        p.down
          ? "rounded-xl border-2 border-red-400 bg-white p-4 shadow-sm dark:border-red-700 dark:bg-slate-900"
          : "rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900"
      }
    >
      <div className="mb-3 flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <h2 id={headingId} className="flex flex-wrap items-center gap-2 text-base font-semibold">
            {p.name}
            {p.down ? (
              <span className="rounded-full bg-red-700 px-2 py-0.5 text-xs font-medium text-white">
                down
              </span>
            ) : (
              <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100">
                up
              </span>
            )}
          </h2>
          <dl
            className="flex flex-wrap gap-x-4 gap-y-1 text-sm"
            aria-label={`Provider breaker of ${p.name}`}
          >
            <div className="flex items-center gap-1">
              <dt className="text-slate-600 dark:text-slate-400">Provider breaker</dt>
              <dd data-testid={`provider-state-${p.provider}`}>
                <StateBadge state={p.state} forced={p.forced} />
              </dd>
            </div>
            {p.state !== "closed" && (
              <div className="flex items-center gap-1">
                <dt className="text-slate-600 dark:text-slate-400">since</dt>
                <dd>
                  <RelTime at={p.openedAt} />
                </dd>
              </div>
            )}
            {p.state !== "closed" && (
              <div className="flex items-center gap-1">
                <dt className="text-slate-600 dark:text-slate-400">next probe</dt>
                <dd>
                  {p.forced ? (
                    "none until a person closes it"
                  ) : p.state === "half_open" ? (
                    "probing now"
                  ) : (
                    <RelTime at={p.retryAt} />
                  )}
                </dd>
              </div>
            )}
            {p.down && (
              <div className="flex items-center gap-1">
                <dt className="text-slate-600 dark:text-slate-400">down because</dt>
                <dd>{DOWN_WORDS[p.downReason ?? ""] ?? p.downReason}</dd>
              </div>
            )}
          </dl>
          {p.reason && (
            <p className="text-sm text-slate-700 dark:text-slate-300">
              <span className="text-slate-600 dark:text-slate-400">Why: </span>
              {p.reason}
              {p.forced && p.forcedBy && <> (by {p.forcedBy})</>}
              {p.note && !p.reason.includes(p.note) && <q className="ml-1 italic">{p.note}</q>}
            </p>
          )}
        </div>
        <div className="flex flex-wrap gap-2">
          {p.state !== "closed" && <ProviderBreakerDialog provider={p} to="closed" />}
          {!p.forced && <ProviderBreakerDialog provider={p} to="open" />}
        </div>
      </div>
      <DataTable
        label={`Credentials of ${p.name}`}
        columns={columns}
        data={[...p.credentials].sort(
          (a, b) => (STATE_ORDER[a.state] ?? 9) - (STATE_ORDER[b.state] ?? 9),
        )}
        rowId={(c) => c.id}
        pageSize={50}
      />
    </section>
  );
}
