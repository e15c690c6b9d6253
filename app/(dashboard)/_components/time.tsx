"use client";

import { useEffect, useState } from "react";
import { formatExact, formatRelative } from "@/lib/format/numbers";

/** "3 minutes ago", with the exact UTC time on hover and for screen readers' `dateTime`. */
export function RelTime({ at }: { at: string | Date | null | undefined }) {
  // Rendered only on the client (data arrives through queries), so reading the clock here is safe.
  const [now, setNow] = useState<number | null>(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(t);
  }, []);
  if (!at) return <span aria-label="never">—</span>;
  const iso = new Date(at).toISOString();
  return (
    <time dateTime={iso} title={formatExact(at)} className="whitespace-nowrap">
      {now === null ? formatExact(at) : formatRelative(at, now)}
    </time>
  );
}
