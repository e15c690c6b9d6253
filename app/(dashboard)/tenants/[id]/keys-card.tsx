"use client";

import { useMemo, useState, type FormEvent } from "react";
import {
  useIssueKey,
  useRevokeKey,
  useTenantKeys,
  type ApiKeyRow,
} from "@/lib/queries/use-tenant-keys";
import { columnsFor, DataTable, type Columns } from "../../_components/data-table";
import { ConfirmDialog, ModalDialog } from "../../_components/dialogs";
import { QueryState } from "../../_components/query-state";
import { StatusBadge } from "../../_components/state-badge";
import { RelTime } from "../../_components/time";
import { Button, Card, ErrorText, Field, Input, Notice } from "../../_components/ui";

const col = columnsFor<ApiKeyRow>();

function keyStatus(k: ApiKeyRow): string {
  if (k.revoked) return "revoked";
  if (k.expiresAt && new Date(k.expiresAt).getTime() < Date.now()) return "expired";
  return "active";
}

export function KeysCard({ tenantId }: { tenantId: string }) {
  const query = useTenantKeys(tenantId);
  const revoke = useRevokeKey(tenantId);
  const columns = useMemo(
    () =>
      [
        col.accessor("prefix", {
          header: "Key",
          cell: (c) => <span className="font-mono">{c.getValue()}…</span>,
        }),
        col.accessor("name", { header: "Name" }),
        col.accessor((k) => keyStatus(k), {
          id: "status",
          header: "Status",
          cell: (c) => <StatusBadge status={c.getValue()} />,
        }),
        col.accessor("createdAt", {
          header: "Created",
          cell: (c) => <RelTime at={c.getValue()} />,
        }),
        col.accessor("lastUsedAt", {
          header: "Last used",
          cell: (c) => <RelTime at={c.getValue()} />,
        }),
        col.accessor("expiresAt", {
          header: "Expires",
          cell: (c) => (c.getValue() ? <RelTime at={c.getValue()} /> : "never"),
        }),
        col.display({
          id: "actions",
          header: () => <span className="sr-only">Actions</span>,
          cell: (c) =>
            c.row.original.revoked ? null : (
              <ConfirmDialog
                title={`Revoke ${c.row.original.prefix}…?`}
                description="Calls with this key fail with 401 at once, on every instance. This cannot be undone; issue a new key instead."
                confirmLabel="Revoke key"
                onConfirm={() => revoke.mutate(c.row.original.id)}
                trigger={
                  <Button
                    size="sm"
                    variant="danger"
                    aria-label={`Revoke key ${c.row.original.prefix}`}
                  >
                    Revoke
                  </Button>
                }
              />
            ),
        }),
      ] as Columns<ApiKeyRow>,
    [revoke],
  );
  return (
    <Card title="API keys" actions={<IssueKeyDialog tenantId={tenantId} />}>
      <ErrorText>{revoke.error?.message}</ErrorText>
      <QueryState
        query={query}
        isEmpty={(d) => d.data.length === 0}
        empty="No keys yet: issue one."
      >
        {(d) => <DataTable label="API keys" columns={columns} data={d.data} rowId={(k) => k.id} />}
      </QueryState>
    </Card>
  );
}

/** Issues a key and shows it exactly once, with a copy button and a warning. */
function IssueKeyDialog({ tenantId }: { tenantId: string }) {
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState(false);
  const issue = useIssueKey(tenantId);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const expires = String(form.get("expiresAt") ?? "");
    issue.mutate({
      name: String(form.get("name") ?? "").trim() || undefined,
      expiresAt: expires ? new Date(`${expires}T23:59:59Z`).toISOString() : undefined,
    });
  }
  async function copy(key: string) {
    await navigator.clipboard.writeText(key);
    setCopied(true);
  }
  return (
    <ModalDialog
      open={open}
      onOpenChange={setOpen}
      onClosed={() => {
        issue.reset();
        setCopied(false);
      }}
      title={issue.data ? "Your new API key" : "Issue an API key"}
      trigger={<Button variant="primary">Issue key</Button>}
    >
      {issue.data ? (
        <div className="space-y-4">
          <Notice tone="warning">
            Copy this key now. It will not be shown again: only its prefix is stored in readable
            form.
          </Notice>
          <label htmlFor="issued-key" className="block text-sm font-medium">
            API key
          </label>
          <div className="flex gap-2">
            <input
              id="issued-key"
              readOnly
              value={issue.data.key}
              className="w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-1.5 font-mono text-sm dark:border-slate-700 dark:bg-slate-950"
              onFocus={(e) => e.currentTarget.select()}
            />
            <Button variant="primary" onClick={() => void copy(issue.data!.key)}>
              {copied ? "Copied" : "Copy"}
            </Button>
          </div>
          <p role="status" aria-live="polite" className="text-sm">
            {copied ? "Copied to the clipboard." : ""}
          </p>
          <div className="flex justify-end">
            <Button onClick={() => setOpen(false)}>Done</Button>
          </div>
        </div>
      ) : (
        <form onSubmit={onSubmit} className="space-y-4">
          <Field label="Name" id="issue-key-name">
            <Input id="issue-key-name" name="name" placeholder="default" autoComplete="off" />
          </Field>
          <Field label="Expires on (optional)" id="issue-key-expires" hint="Empty: never expires.">
            <Input id="issue-key-expires" name="expiresAt" type="date" />
          </Field>
          <ErrorText>{issue.error?.message}</ErrorText>
          <div className="flex justify-end gap-2">
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={issue.isPending}>
              Issue key
            </Button>
          </div>
        </form>
      )}
    </ModalDialog>
  );
}
