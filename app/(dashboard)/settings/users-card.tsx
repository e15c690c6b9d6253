"use client";

import { useMemo, useState, type FormEvent } from "react";
import {
  useAddDashboardUser,
  useChangeDashboardUser,
  useDashboardUsers,
  type DashboardUserRow,
} from "@/lib/queries/use-dashboard-users";
import { columnsFor, DataTable, type Columns } from "../_components/data-table";
import { ConfirmDialog, ModalDialog } from "../_components/dialogs";
import { QueryState } from "../_components/query-state";
import { StatusBadge } from "../_components/state-badge";
import { RelTime } from "../_components/time";
import { Button, Card, ErrorText, Field, Input } from "../_components/ui";
import { SessionsDialog } from "./sessions-dialog";

const col = columnsFor<DashboardUserRow>();

export function UsersCard() {
  const query = useDashboardUsers();
  const change = useChangeDashboardUser();
  const columns = useMemo(
    () =>
      [
        col.accessor("email", { header: "Email" }),
        col.accessor((u) => u.name ?? "", { id: "name", header: "Name" }),
        col.accessor((u) => (u.disabled ? "disabled" : "active"), {
          id: "status",
          header: "Status",
          cell: (c) => <StatusBadge status={c.getValue()} />,
        }),
        col.accessor("lastSignInAt", {
          header: "Last sign-in",
          cell: (c) => <RelTime at={c.getValue()} />,
        }),
        col.accessor((u) => u.createdBy ?? "first start", { id: "createdBy", header: "Added by" }),
        col.display({
          id: "actions",
          header: () => <span className="sr-only">Actions</span>,
          cell: (c) => {
            const u = c.row.original;
            return (
              <div className="flex gap-1">
                {u.disabled ? (
                  <Button size="sm" onClick={() => change.mutate({ id: u.id, disabled: false })}>
                    Enable
                  </Button>
                ) : (
                  <ConfirmDialog
                    title={`Disable ${u.email}?`}
                    description="They are signed out everywhere at once and cannot sign in until enabled again."
                    confirmLabel="Disable user"
                    onConfirm={() => change.mutate({ id: u.id, disabled: true })}
                    trigger={
                      <Button size="sm" variant="danger" aria-label={`Disable ${u.email}`}>
                        Disable
                      </Button>
                    }
                  />
                )}
                <ResetPasswordDialog user={u} />
                <SessionsDialog user={u} />
              </div>
            );
          },
        }),
      ] as Columns<DashboardUserRow>,
    [change],
  );
  return (
    <Card title="Dashboard users" actions={<AddUserDialog />}>
      <ErrorText>{change.error?.message}</ErrorText>
      <QueryState query={query} isEmpty={(d) => d.data.length === 0}>
        {(d) => (
          <DataTable label="Dashboard users" columns={columns} data={d.data} rowId={(u) => u.id} />
        )}
      </QueryState>
    </Card>
  );
}

function AddUserDialog() {
  const [open, setOpen] = useState(false);
  const add = useAddDashboardUser();
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    add.mutate(
      {
        email: String(f.get("email")).trim(),
        name: String(f.get("name") ?? "").trim() || undefined,
        password: String(f.get("password")),
      },
      { onSuccess: () => setOpen(false) },
    );
  }
  return (
    <ModalDialog
      open={open}
      onOpenChange={setOpen}
      onClosed={() => add.reset()}
      title="Add a dashboard user"
      trigger={<Button variant="primary">Add user</Button>}
    >
      <form onSubmit={onSubmit} className="space-y-4">
        <Field label="Email" id="new-user-email">
          <Input id="new-user-email" name="email" type="email" required autoComplete="off" />
        </Field>
        <Field label="Name (optional)" id="new-user-name">
          <Input id="new-user-name" name="name" autoComplete="off" />
        </Field>
        <Field
          label="Initial password"
          id="new-user-password"
          hint="At least 12 characters. Share it over a safe channel; they can be reset here."
        >
          <Input
            id="new-user-password"
            name="password"
            type="password"
            required
            minLength={12}
            autoComplete="new-password"
          />
        </Field>
        <ErrorText>{add.error?.message}</ErrorText>
        <div className="flex justify-end gap-2">
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={add.isPending}>
            Add user
          </Button>
        </div>
      </form>
    </ModalDialog>
  );
}

function ResetPasswordDialog({ user }: { user: DashboardUserRow }) {
  const [open, setOpen] = useState(false);
  const change = useChangeDashboardUser();
  const id = `reset-${user.id}`;
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    change.mutate(
      { id: user.id, password: String(new FormData(event.currentTarget).get("password")) },
      { onSuccess: () => setOpen(false) },
    );
  }
  return (
    <ModalDialog
      open={open}
      onOpenChange={setOpen}
      onClosed={() => change.reset()}
      title={`Reset password: ${user.email}`}
      description="Their current sessions end at once."
      trigger={
        <Button size="sm" aria-label={`Reset password of ${user.email}`}>
          Reset password
        </Button>
      }
    >
      <form onSubmit={onSubmit} className="space-y-4">
        <Field label="New password" id={id} hint="At least 12 characters.">
          <Input
            id={id}
            name="password"
            type="password"
            required
            minLength={12}
            autoComplete="new-password"
          />
        </Field>
        <ErrorText>{change.error?.message}</ErrorText>
        <div className="flex justify-end gap-2">
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button type="submit" variant="danger" disabled={change.isPending}>
            Reset password
          </Button>
        </div>
      </form>
    </ModalDialog>
  );
}
