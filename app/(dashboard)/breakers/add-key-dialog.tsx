"use client";

import { useState, type FormEvent } from "react";
import { CredentialCreateSchema } from "@/lib/admin/credentials/credential-schemas";
import { AdminApiError } from "@/lib/queries/admin-fetch";
import { useAddCredential } from "@/lib/queries/use-credentials";
import { checkAsApi, type FormProblem } from "../_components/check-as-api";
import { ChoiceSelect } from "../_components/choice-select";
import { ModalDialog } from "../_components/dialogs";
import { Button, ErrorText, Field, Input, Notice } from "../_components/ui";

/**
 * Adding a provider key for one of the registered providers (picked from a list, so no
 * typo reaches the API): stored encrypted and verified like a close. A key that fails
 * verification is kept with its breaker open, and the dialog says why.
 */
export function AddKeyDialog({ providers }: { providers: { id: string; name: string }[] }) {
  const [open, setOpen] = useState(false);
  const [provider, setProvider] = useState("");
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [result, setResult] = useState<{ tone: "success" | "warning"; text: string } | null>(null);
  const add = useAddCredential();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const label = String(form.get("label") ?? "").trim();
    const draft = { provider, key: String(form.get("key") ?? ""), label: label || undefined };
    add.reset();
    const found = checkAsApi(CredentialCreateSchema, draft);
    setProblem(found);
    if (found) return;
    const created = await add.mutateAsync(draft).catch(() => null);
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
        setProvider("");
        setProblem(null);
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
            <ChoiceSelect
              id="add-key-provider"
              choices={providers.map((p) => ({ value: p.id, label: `${p.name} (${p.id})` }))}
              value={provider}
              onValueChange={setProvider}
              placeholder="Choose a provider"
              invalid={
                problem?.param === "provider" ||
                (add.error instanceof AdminApiError && add.error.param === "provider")
              }
            />
          </Field>
          <Field label="Label (optional)" id="add-key-label">
            <Input id="add-key-label" name="label" autoComplete="off" />
          </Field>
          <Field label="API key" id="add-key-key">
            <Input id="add-key-key" name="key" type="password" required autoComplete="off" />
          </Field>
          <ErrorText>{problem?.message ?? add.error?.message}</ErrorText>
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
