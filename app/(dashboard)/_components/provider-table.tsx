import { formatCount, formatMs, formatPercent } from "@/lib/format/numbers";
import type { Overview } from "@/lib/queries/use-overview";

const TH = "px-2 py-2 font-medium";
const TD = "px-2 py-2 text-right tabular-nums";

/**
 * The overview's per-provider table: upstream attempts counted against the provider
 * that answered each (a failover shows the failing provider's errors), the failed share
 * and its main class, requests served, and latency. Requests answered before any
 * upstream call are a line below, as refusals, never a provider's row.
 */
export function ProviderTable({
  providers,
  beforeUpstream,
}: {
  providers: Overview["providers"];
  beforeUpstream: Overview["beforeUpstream"];
}) {
  return (
    <div className="space-y-3">
      {providers.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          No upstream attempts in the last hour.
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" aria-label="Providers in the last hour">
            <thead>
              <tr className="border-b border-slate-200 dark:border-slate-700">
                <th scope="col" className={TH}>
                  Provider
                </th>
                <th scope="col" className={`${TH} text-right`}>
                  Attempts
                </th>
                <th scope="col" className={`${TH} text-right`}>
                  Failed attempts
                </th>
                <th scope="col" className={TH}>
                  Mostly
                </th>
                <th scope="col" className={`${TH} text-right`}>
                  Requests
                </th>
                <th scope="col" className={`${TH} text-right`}>
                  Latency p50 / p95
                </th>
                <th scope="col" className={`${TH} text-right`}>
                  First token p50 / p95
                </th>
              </tr>
            </thead>
            <tbody>
              {providers.map((p) => (
                <tr key={p.provider} className="border-b border-slate-100 dark:border-slate-800">
                  <th scope="row" className="px-2 py-2 font-normal">
                    {p.provider}
                  </th>
                  <td className={TD}>{formatCount(p.attempts)}</td>
                  <td className={TD}>
                    {formatCount(p.failed)} (
                    {formatPercent(p.attempts ? p.failed / p.attempts : null)})
                  </td>
                  <td className="px-2 py-2">
                    {p.byClass[0]?.errorClass.replace(/_/g, " ") ?? "—"}
                  </td>
                  <td className={TD}>{formatCount(p.requests)}</td>
                  <td className={TD}>
                    {formatMs(p.p50LatencyMs)} / {formatMs(p.p95LatencyMs)}
                  </td>
                  <td className={TD}>
                    {formatMs(p.p50TtftMs)} / {formatMs(p.p95TtftMs)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="before-upstream">
        Answered before any upstream call: {formatCount(beforeUpstream.requests)} requests (
        {formatCount(beforeUpstream.noProvider)} with no provider available,{" "}
        {formatCount(beforeUpstream.refused)} refused: bad input, keys, limits).
      </p>
    </div>
  );
}
