"use client";

import { useState } from "react";
import { useSetProviderBreaker, type ProviderBreaker } from "@/lib/queries/use-providers";
import { ModalDialog } from "../_components/dialogs";
import { Button, ErrorText, Field, Textarea } from "../_components/ui";

/**
 * A person closes a provider's own breaker or forces it open, with a required note that
 * lands in the breaker's history and the audit trail. Forced open means no traffic and no
 * probes reach the provider until someone closes it.
 */
export function ProviderBreakerDialog({
  provider,
  to,
}: {
  provider: ProviderBreaker;
  to: "closed" | "open";
}) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState("");
  const move = useSetProviderBreaker();
  const id = `provider-${to}-note-${provider.provider}`;
  const closing = to === "closed";
  return (
    <ModalDialog
      open={open}
      onOpenChange={setOpen}
      onClosed={() => {
        setNote("");
        move.reset();
      }}
      title={`${closing ? "Close provider breaker" : "Force open provider"}: ${provider.name}`}
      description={
        closing
          ? `Traffic returns to ${provider.name} on every instance at once; if it still fails, its breaker trips again.`
          : `Stops all traffic to ${provider.name}, every key of it, with no automatic probes, until someone closes it.`
      }
      trigger={
        <Button
          size="sm"
          variant={closing ? "primary" : "secondary"}
          aria-label={`${closing ? "Close breaker of provider" : "Force open provider"} ${provider.name}`}
        >
          {closing ? "Close…" : "Force open…"}
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
        <ErrorText>{move.error?.message}</ErrorText>
        <div className="flex justify-end gap-2">
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button
            variant={closing ? "primary" : "danger"}
            disabled={note.trim() === "" || move.isPending}
            onClick={() =>
              move.mutate(
                { id: provider.provider, to, note: note.trim() },
                { onSuccess: () => setOpen(false) },
              )
            }
          >
            {closing ? "Close breaker" : "Force open"}
          </Button>
        </div>
      </div>
    </ModalDialog>
  );
}
