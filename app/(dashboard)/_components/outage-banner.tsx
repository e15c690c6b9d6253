"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import type { Overview } from "@/lib/queries/use-overview";
import { StateBadge } from "./state-badge";
import { RelTime } from "./time";

const DOWN_WORDS: Record<string, string> = {
  provider_breaker: "its breaker is not closed",
  no_credential_serving: "no key can serve",
};

function NextProbe({ at, forced, state }: { at: string | null; forced: boolean; state: string }) {
  // The clock is read in state (rendered on the client only), ticking like RelTime's.
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 5_000);
    return () => clearInterval(t);
  }, []);
  if (state === "quarantined") return <>no probe: only a person closes it</>;
  if (forced) return <>no probe: forced open</>;
  if (state === "half_open") return <>probing now</>;
  // A retry time already past means the probe is due: it goes with the next request.
  if (at !== null && Date.parse(at) <= now) return <>probe due now</>;
  return (
    <>
      next probe <RelTime at={at} />
    </>
  );
}

/**
 * The overview's red banner in an outage: each provider down (by the one definition)
 * and each credential not serving, with why, since when and the next probe, and a link
 * to the breakers page. Renders nothing when every breaker is closed.
 */
export function OutageBanner({ overview: o }: { overview: Overview }) {
  if (o.providersDown.length === 0 && o.breakersNotClosed.length === 0) return null;
  return (
    <section
      aria-label="Outage"
      className="rounded-xl border border-red-300 bg-red-50 p-4 text-red-950 dark:border-red-800 dark:bg-red-950 dark:text-red-50"
    >
      <h2 className="mb-2 font-semibold">
        {o.attention.words
          ? `Needs a person: ${o.attention.words}`
          : `${o.breakersNotClosed.length} of ${o.credentialsTotal} credentials probing`}
      </h2>
      {o.providersDown.length > 0 && (
        <ul aria-label="Providers down" className="mb-2 space-y-1 text-sm">
          {o.providersDown.map((p) => (
            <li key={p.provider} className="flex flex-wrap items-center gap-2">
              <span className="rounded-full bg-red-700 px-2 py-0.5 text-xs font-medium text-white">
                down
              </span>
              <span className="font-semibold">{p.name}</span>
              <span>({DOWN_WORDS[p.downReason ?? ""] ?? p.downReason})</span>
              <StateBadge state={p.state} forced={p.forced} />
              {p.lastErrorClass && <span>{p.lastErrorClass.replace(/_/g, " ")}</span>}
              {p.openedAt && (
                <span>
                  since <RelTime at={p.openedAt} />
                </span>
              )}
              <span>
                · <NextProbe at={p.nextProbeAt} forced={p.forced} state={p.state} />
              </span>
            </li>
          ))}
        </ul>
      )}
      {o.breakersNotClosed.length > 0 && (
        <>
          <h3 className="text-sm font-medium">
            {o.breakersNotClosed.length} of {o.credentialsTotal} credentials not serving
          </h3>
          <ul aria-label="Credentials not serving" className="space-y-1 text-sm">
            {o.breakersNotClosed.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center gap-2">
                <StateBadge state={c.state} forced={c.state === "open" && c.retryAt === null} />
                <span className="font-medium">{c.provider}</span> {c.label}{" "}
                <span className="font-mono">…{c.last4}</span>
                {c.lastErrorClass && <span>({c.lastErrorClass.replace(/_/g, " ")})</span>}
                {c.openedAt && (
                  <span>
                    since <RelTime at={c.openedAt} />
                  </span>
                )}
                <span>
                  ·{" "}
                  <NextProbe
                    at={c.retryAt}
                    forced={c.state === "open" && c.retryAt === null}
                    state={c.state}
                  />
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <Link href="/breakers" className="mt-2 inline-block text-sm font-medium underline">
        Open providers &amp; breakers
      </Link>
    </section>
  );
}
