"use client";

import { useEffect, useState } from "react";
import { formatExact } from "@/lib/format/numbers";
import type { ApiKeyRow } from "@/lib/queries/use-tenant-keys";
import { keyDeadlines } from "./key-deadlines";

/**
 * Amber badges for what is about to end on a key ("expires in 3 days", "old secret
 * ends in 42 min"), the exact time on hover; kept current every 15 s.
 */
export function KeyDeadlineBadges({ row }: { row: ApiKeyRow }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(t);
  }, []);
  return keyDeadlines(row, now).map((d) => (
    <span
      key={d.kind}
      title={formatExact(d.at)}
      className="ml-1 inline-block rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-900 dark:text-amber-100"
    >
      {d.text}
    </span>
  ));
}
