"use client";

import { useState } from "react";
import { formatExact } from "@/lib/format/numbers";
import { formatTimeLeft } from "@/lib/format/time-left";
import { useRotateKey, type ApiKeyRow } from "@/lib/queries/use-tenant-keys";
import { ModalDialog } from "../../_components/dialogs";
import { Button } from "../../_components/ui";
import { EditKeyForm } from "./edit-key-form";
import { RotateKeyForm } from "./rotate-key-form";
import { SecretOnce } from "./secret-once";

/**
 * One key's dialog: edit its name, allowed models and expiry, or rotate its secret.
 * After a rotation the dialog shows the new secret once, and when the old one stops.
 */
export function KeyDialog({ tenantId, row }: { tenantId: string; row: ApiKeyRow }) {
  const [open, setOpen] = useState(false);
  const rotate = useRotateKey(tenantId);
  const rotated = rotate.data;
  return (
    <ModalDialog
      open={open}
      onOpenChange={setOpen}
      onClosed={() => rotate.reset()}
      title={rotated ? "Your new secret" : `Manage key ${row.prefix}…`}
      description={rotated ? undefined : "Change what this key may do, or give it a new secret."}
      trigger={
        <Button size="sm" aria-label={`Manage key ${row.prefix}`}>
          Manage
        </Button>
      }
    >
      {rotated ? (
        <SecretOnce
          id="rotated-key"
          label="New API key"
          secret={rotated.key}
          onDone={() => setOpen(false)}
          note={<OldSecretEnd prefix={rotated.previousPrefix} endsAt={rotated.previousEndsAt} />}
        />
      ) : (
        <div className="space-y-6">
          <EditKeyForm tenantId={tenantId} row={row} />
          <hr className="border-slate-200 dark:border-slate-700" />
          <RotateKeyForm row={row} rotate={rotate} />
        </div>
      )}
    </ModalDialog>
  );
}

function OldSecretEnd({ prefix, endsAt }: { prefix: string; endsAt: string }) {
  // Read once, when the secret is shown: the sentence is about that moment.
  const [left] = useState(() => Date.parse(endsAt) - Date.now());
  return (
    <p className="text-sm">
      The old secret <span className="font-mono">{prefix}…</span>{" "}
      {left > 0 ? (
        <>
          keeps working until{" "}
          <time dateTime={endsAt} title={formatExact(endsAt)}>
            {formatExact(endsAt)}
          </time>{" "}
          (in {formatTimeLeft(left)}), then answers 401.
        </>
      ) : (
        "no longer works."
      )}
    </p>
  );
}
