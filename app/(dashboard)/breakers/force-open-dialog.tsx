"use client";

import { useState } from "react";
import { useForceOpen, type Credential } from "@/lib/queries/use-credentials";
import { ModalDialog } from "../_components/dialogs";
import { Button, ErrorText, Field, Textarea } from "../_components/ui";

/** Forcing a breaker open (e.g. a key suspected leaked): a note is required and audited. */
export function ForceOpenDialog({ credential }: { credential: Credential }) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState("");
  const force = useForceOpen();
  const id = `open-note-${credential.id}`;
  return (
    <ModalDialog
      open={open}
      onOpenChange={setOpen}
      onClosed={() => {
        setNote("");
        force.reset();
      }}
      title={`Force open: ${credential.label}`}
      description={`Stops traffic to ${credential.provider} key …${credential.last4} until it is closed again.`}
      trigger={
        <Button size="sm" aria-label={`Force open breaker of ${credential.label}`}>
          Force open…
        </Button>
      }
    >
      <div className="space-y-4">
        <Field label="Note (required)" id={id}>
          <Textarea
            id={id}
            rows={3}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            required
            aria-required="true"
          />
        </Field>
        <ErrorText>{force.error?.message}</ErrorText>
        <div className="flex justify-end gap-2">
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button
            variant="danger"
            disabled={note.trim() === "" || force.isPending}
            onClick={() =>
              force.mutate(
                { id: credential.id, note: note.trim() },
                { onSuccess: () => setOpen(false) },
              )
            }
          >
            Force open
          </Button>
        </div>
      </div>
    </ModalDialog>
  );
}
