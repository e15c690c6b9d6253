"use client";

import { useState, type FormEvent } from "react";
import { useUpdateKey, type ApiKeyRow, type KeyUpdateInput } from "@/lib/queries/use-tenant-keys";
import { Button, ErrorText, Field, Input, Notice, Textarea } from "../../_components/ui";

/** The day part of an ISO time, as a date input holds it ("" for none). */
const dayOf = (iso: string | null) => iso?.slice(0, 10) ?? "";

/**
 * A key's name, allowed models and expiry, saved with PATCH; only what changed is sent
 * (an expiry already past is not sent back unchanged), and the API's refusal is shown
 * as it words it.
 */
export function EditKeyForm({ tenantId, row }: { tenantId: string; row: ApiKeyRow }) {
  const update = useUpdateKey(tenantId);
  const [saved, setSaved] = useState(false);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const models = String(form.get("allowedModels") ?? "")
      .split(/[\n,]/)
      .map((m) => m.trim())
      .filter(Boolean);
    const expires = String(form.get("expiresAt") ?? "");
    const input: KeyUpdateInput = { name: String(form.get("name") ?? "") };
    if (models.join("\n") !== row.allowedModels.join("\n")) input.allowedModels = models;
    // The whole chosen day, in UTC, as issuing does.
    if (expires !== dayOf(row.expiresAt))
      input.expiresAt = expires ? new Date(`${expires}T23:59:59Z`).toISOString() : null;
    setSaved(false);
    update.mutate({ id: row.id, input }, { onSuccess: () => setSaved(true) });
  }
  return (
    <form
      onSubmit={onSubmit}
      className="space-y-4"
      key={`${row.name}|${row.allowedModels.join(",")}|${row.expiresAt}`}
    >
      <Field label="Name" id="edit-key-name">
        <Input id="edit-key-name" name="name" defaultValue={row.name} autoComplete="off" />
      </Field>
      <Field
        label="Allowed models"
        id="edit-key-models"
        hint="One provider/model name, alias or provider/* (every model of that provider) a line. Empty: every model."
      >
        <Textarea
          id="edit-key-models"
          name="allowedModels"
          rows={3}
          defaultValue={row.allowedModels.join("\n")}
          className="font-mono"
        />
      </Field>
      <Field label="Expires on" id="edit-key-expires" hint="Empty: never expires.">
        <Input
          id="edit-key-expires"
          name="expiresAt"
          type="date"
          defaultValue={dayOf(row.expiresAt)}
        />
      </Field>
      <ErrorText>{update.error?.message}</ErrorText>
      {saved && <Notice tone="success">Saved. Every instance applies it within a second.</Notice>}
      <div className="flex justify-end">
        <Button type="submit" variant="primary" disabled={update.isPending}>
          Save changes
        </Button>
      </div>
    </form>
  );
}
