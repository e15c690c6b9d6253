"use client";

import { useState, type FormEvent } from "react";
import { useAddCredential } from "@/lib/queries/use-credentials";
import { ModalDialog } from "../_components/dialogs";
import { Button, ErrorText, Field, Input, Notice } from "../_components/ui";

/**
 * Adding a provider key: stored encrypted and verified like a close. A key that fails
 * verification is kept with its breaker open, and the dialog says why.
 */
export function AddKeyDialog({ providers }: { providers: string[] }) {
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<{ tone: "success" | "warning"; text: string } | null>(null);
  const add = useAddCredential();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const label = String(form.get("label") ?? "").trim();
    const created = await add
      .mutateAsync({
        provider: String(form.get("provider")).trim(),
        key: String(form.get("key")),
        label: label || undefined,
      })
      .catch(() => null);
    if (!created) return;
    const state = created.state;
    const v = created.verification;
    if (!v)
      setResult({
        tone: "success",
        text: `Stored encrypted as …${created.last4}; not used while the gateway serves from the simulator.`,
      });
    else if (state && state !== "closed")
      setResult({
        tone: "warning",
        text: `Stored, but verification failed (${v.errorClass?.replace(/_/g, " ") ?? "refused"}${v.message ? `: ${v.message}` : ""}); its breaker is ${state}.`,
      });
    else
      setResult({
        tone: "success",
        text: `Stored encrypted as …${created.last4}${state ? " and verified" : ""}.`,
      });
  }

  return (
    <ModalDialog
      open={open}
      onOpenChange={setOpen}
      onClosed={() => {
        setResult(null);
        add.reset();
      }}
      title="Add a provider key"
      description="The key is encrypted at rest and never shown again; only its last four characters are."
      trigger={<Button variant="primary">Add key</Button>}
    >
      {result ? (
        <div className="space-y-4">
          <Notice tone={result.tone}>{result.text}</Notice>
          <div className="flex justify-end">
            <Button onClick={() => setOpen(false)}>Done</Button>
          </div>
        </div>
      ) : (
        <form onSubmit={onSubmit} className="space-y-4">
          <Field label="Provider" id="add-key-provider">
            <Input
              id="add-key-provider"
              name="provider"
              list="add-key-providers"
              required
              autoComplete="off"
            />
            <datalist id="add-key-providers">
              {providers.map((p) => (
                <option key={p} value={p} />
              ))}
            </datalist>
          </Field>
          <Field label="Label (optional)" id="add-key-label">
            <Input id="add-key-label" name="label" autoComplete="off" />
          </Field>
          <Field label="API key" id="add-key-key">
            <Input id="add-key-key" name="key" type="password" required autoComplete="off" />
          </Field>
          <ErrorText>{add.error?.message}</ErrorText>
          <div className="flex justify-end gap-2">
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={add.isPending}>
              {add.isPending ? "Verifying…" : "Add and verify"}
            </Button>
          </div>
        </form>
      )}
    </ModalDialog>
  );
}
