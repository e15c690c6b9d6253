"use client";

import { useState } from "react";
import { AdminApiError } from "@/lib/queries/admin-fetch";
import {
  useCloseBreaker,
  verificationPassed,
  type Credential,
  type Verification,
} from "@/lib/queries/use-credentials";
import { ModalDialog } from "../_components/dialogs";
import { Button, ErrorText, Field, Notice, Textarea } from "../_components/ui";

function describe(v: Verification | undefined): string {
  if (!v) return "";
  return [
    v.status ? `HTTP ${v.status}` : null,
    v.errorClass ? v.errorClass.replace(/_/g, " ") : null,
    v.message,
  ]
    .filter(Boolean)
    .join(" · ");
}

/**
 * Closing a tripped breaker: a note is required; "Verify and close" sends one live
 * request with the key first and closes only on a pass. Closing without a check is a
 * second, deliberate step behind its own confirmation.
 */
export function CloseDialog({
  credential,
  onDone,
}: {
  credential: Credential;
  onDone: () => void;
}) {
  const [note, setNote] = useState("");
  const [confirmAnyway, setConfirmAnyway] = useState(false);
  const [outcome, setOutcome] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const close = useCloseBreaker();
  const noteId = `close-note-${credential.id}`;

  // Rendered by the page, not the row: once the breaker closes, the row loses its Close
  // button, but the dialog stays to show the outcome until the person dismisses it.
  function reset(next: boolean) {
    if (!next) onDone();
  }

  async function submit(verify: boolean) {
    setOutcome(null);
    try {
      const result = await close.mutateAsync({ id: credential.id, note: note.trim(), verify });
      const verification = "verification" in result ? result.verification : undefined;
      const state = result.state;
      if (verify && (verificationPassed(verification) === false || (state && state !== "closed"))) {
        setOutcome({
          tone: "error",
          text: `Verification failed, the breaker stays ${state ?? credential.state}: ${describe(verification) || "the provider refused the key"}.`,
        });
        return;
      }
      setOutcome({
        tone: "success",
        text: verify
          ? `Verified (${describe(verification) || "the provider accepted the key"}) and closed.`
          : "Closed without verification.",
      });
    } catch (err) {
      const message = err instanceof AdminApiError ? err.message : (err as Error).message;
      setOutcome({
        tone: "error",
        text: verify
          ? `Verification failed, the breaker stays ${credential.state}: ${message}`
          : `Could not close: ${message}`,
      });
    }
  }

  const noteMissing = note.trim() === "";
  return (
    <ModalDialog
      open
      onOpenChange={reset}
      title={`Close breaker: ${credential.label}`}
      description={
        // `credential` is the row as it was when the dialog opened: once closed, say so.
        outcome?.tone === "success"
          ? `${credential.provider} key …${credential.last4}, now closed. Traffic returns to this key.`
          : `${credential.provider} key …${credential.last4}, now ${credential.state.replace("_", "-")}. Traffic returns to this key once closed.`
      }
    >
      <div className="space-y-4">
        <Field
          label="Note (required)"
          id={noteId}
          hint="Why it is safe to close: e.g. 'key rotated in the provider console'. Kept in the history and the audit trail."
        >
          <Textarea
            id={noteId}
            rows={3}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            required
            aria-required="true"
          />
        </Field>
        {outcome &&
          (outcome.tone === "success" ? (
            <Notice tone="success">{outcome.text}</Notice>
          ) : (
            <ErrorText>{outcome.text}</ErrorText>
          ))}
        <div className="flex flex-wrap justify-end gap-2">
          <Button onClick={() => reset(false)}>
            {outcome?.tone === "success" ? "Done" : "Cancel"}
          </Button>
          <Button
            variant="primary"
            disabled={noteMissing || close.isPending || outcome?.tone === "success"}
            onClick={() => void submit(true)}
          >
            {close.isPending ? "Verifying…" : "Verify first, then close"}
          </Button>
        </div>
        {outcome?.tone !== "success" && (
          <div className="border-t border-slate-200 pt-3 dark:border-slate-700">
            {!confirmAnyway ? (
              <Button
                size="sm"
                variant="ghost"
                disabled={noteMissing}
                onClick={() => setConfirmAnyway(true)}
              >
                Close without verifying…
              </Button>
            ) : (
              <div className="space-y-2">
                <p className="text-sm">
                  Closing without a check sends real traffic to a key that may still be dead; each
                  failed call fails over and trips the breaker again.
                </p>
                <Button
                  size="sm"
                  variant="danger"
                  disabled={noteMissing || close.isPending}
                  onClick={() => void submit(false)}
                >
                  Close anyway
                </Button>
              </div>
            )}
          </div>
        )}
      </div>
    </ModalDialog>
  );
}
