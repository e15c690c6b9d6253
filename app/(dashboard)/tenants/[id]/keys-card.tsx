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
import { Button, Card, ErrorText, Field, Input } from "../../_components/ui";
import { KeyDeadlineBadges } from "./key-deadline-badges";
import { KeyDialog } from "./key-dialog";
import { SecretOnce } from "./secret-once";

const col = columnsFor<ApiKeyRow>();

function keyStatus(k: ApiKeyRow): string {
  if (k.revoked) return "revoked";
  if (k.expiresAt && new Date(k.expiresAt).getTime() < Date.now()) return "expired";
  return "active";
}

export function KeysCard({ tenantId }: { tenantId: string }) {
  const query = useTenantKeys(tenantId);
  const revoke = useRevokeKey(tenantId);
  const revokeKey = revoke.mutate;
  // Built once per tenant: each cell is rendered as a component, so new column objects
  // would remount every cell, and a key's dialog would close under its user on a refetch.
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
          cell: (c) => (
            <>
              <StatusBadge status={c.getValue()} />
              <KeyDeadlineBadges row={c.row.original} />
            </>
          ),
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
              <div className="flex justify-end gap-2">
                <KeyDialog tenantId={tenantId} row={c.row.original} />
                <ConfirmDialog
                  title={`Revoke ${c.row.original.prefix}…?`}
                  description="Calls with this key (and an old secret still in its grace period) fail with 401 at once, on every instance. This cannot be undone; issue a new key instead."
                  confirmLabel="Revoke key"
                  onConfirm={() => revokeKey(c.row.original.id)}
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
              </div>
            ),
        }),
      ] as Columns<ApiKeyRow>,
    [revokeKey, tenantId],
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
  return (
    <ModalDialog
      open={open}
      onOpenChange={setOpen}
      onClosed={() => issue.reset()}
      title={issue.data ? "Your new API key" : "Issue an API key"}
      trigger={<Button variant="primary">Issue key</Button>}
    >
      {issue.data ? (
        <SecretOnce id="issued-key" secret={issue.data.key} onDone={() => setOpen(false)} />
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
