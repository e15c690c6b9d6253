"use client";

import { useState, type ReactNode } from "react";
import { Button, Notice } from "../../_components/ui";

/**
 * A secret shown exactly once (a key just issued or rotated in): read-only, selected on
 * focus, a copy button, a warning that it will not be shown again, and "Done".
 */
export function SecretOnce({
  secret,
  id,
  label = "API key",
  note,
  onDone,
}: {
  secret: string;
  /** The input's id (unique on the page). */
  id: string;
  label?: string;
  /** More to say under the warning (e.g. when the old secret stops). */
  note?: ReactNode;
  onDone: () => void;
}) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    await navigator.clipboard.writeText(secret);
    setCopied(true);
  }
  return (
    <div className="space-y-4">
      <Notice tone="warning">
        Copy this key now. It will not be shown again: only its prefix is stored in readable form.
      </Notice>
      {note}
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          readOnly
          value={secret}
          className="w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-1.5 font-mono text-sm dark:border-slate-700 dark:bg-slate-950"
          onFocus={(e) => e.currentTarget.select()}
        />
        <Button variant="primary" onClick={() => void copy()}>
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
      <p role="status" aria-live="polite" className="text-sm">
        {copied ? "Copied to the clipboard." : ""}
      </p>
      <div className="flex justify-end">
        <Button onClick={onDone}>Done</Button>
      </div>
    </div>
  );
}
