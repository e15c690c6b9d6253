"use client";

import type { FormEvent } from "react";
import type { ApiKeyRow, useRotateKey } from "@/lib/queries/use-tenant-keys";
import { Button, ErrorText, Field, Notice, Select } from "../../_components/ui";

/** How long the replaced secret may keep working, in seconds (the API allows 0 to 7 days). */
const GRACE_CHOICES: [seconds: number, words: string][] = [
  [0, "Stops at once"],
  [300, "5 minutes"],
  [3_600, "1 hour"],
  [86_400, "24 hours"],
  [604_800, "7 days"],
];

/** Asks for a grace period and rotates; the dialog around it shows the new secret. */
export function RotateKeyForm({
  row,
  rotate,
}: {
  row: ApiKeyRow;
  rotate: ReturnType<typeof useRotateKey>;
}) {
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    rotate.mutate({ id: row.id, graceSeconds: Number(form.get("graceSeconds")) });
  }
  return (
    <form onSubmit={onSubmit} className="space-y-4" aria-labelledby="rotate-key-heading">
      <h3 id="rotate-key-heading" className="text-base font-semibold">
        Rotate the secret
      </h3>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Issues a new secret for this key, with the same name, limits and usage history. The current
        secret (<span className="font-mono">{row.prefix}…</span>) keeps working for the period
        chosen here, then answers 401 on every instance.
      </p>
      {row.previousPrefix && (
        <Notice tone="warning">
          The older secret <span className="font-mono">{row.previousPrefix}…</span> is still in its
          grace period: rotating now ends it at once.
        </Notice>
      )}
      <Field label="Current secret keeps working for" id="rotate-key-grace">
        <Select id="rotate-key-grace" name="graceSeconds" defaultValue="3600">
          {GRACE_CHOICES.map(([seconds, words]) => (
            <option key={seconds} value={seconds}>
              {words}
            </option>
          ))}
        </Select>
      </Field>
      <ErrorText>{rotate.error?.message}</ErrorText>
      <div className="flex justify-end">
        <Button type="submit" variant="primary" disabled={rotate.isPending}>
          Rotate secret
        </Button>
      </div>
    </form>
  );
}
