"use client";

import Link from "next/link";
import { useMemo, useState, type FormEvent } from "react";
import { formatMicros, formatTokens } from "@/lib/format/numbers";
import { usePlans } from "@/lib/queries/use-plans";
import { useCreateTenant, useTenants, type TenantRow } from "@/lib/queries/use-tenants";
import { columnsFor, DataTable, type Columns } from "../_components/data-table";
import { ModalDialog } from "../_components/dialogs";
import { QueryState } from "../_components/query-state";
import { StatusBadge } from "../_components/state-badge";
import { RelTime } from "../_components/time";
import { Button, Card, ErrorText, PageHeader } from "../_components/ui";
import { readTenantForm, TenantFields } from "./limits-fields";

const col = columnsFor<TenantRow>();

export function TenantsView() {
  const query = useTenants();
  const columns = useMemo(
    () =>
      [
        col.accessor("name", {
          header: "Tenant",
          cell: (c) => (
            <Link
              className="font-medium text-indigo-700 underline dark:text-indigo-300"
              href={`/tenants/${c.row.original.id}`}
            >
              {c.getValue()}
            </Link>
          ),
        }),
        col.accessor((t) => t.plan?.name ?? "", { id: "plan", header: "Plan" }),
        col.accessor("status", {
          header: "Status",
          cell: (c) => <StatusBadge status={c.getValue()} />,
        }),
        col.accessor((t) => t._count?.keys ?? 0, { id: "keys", header: "Active keys" }),
        col.accessor("monthlyTokenQuota", {
          header: "Token quota",
          cell: (c) => formatTokens(c.getValue()),
        }),
        col.accessor("monthlySpendLimitMicros", {
          header: "Budget",
          cell: (c) => (c.getValue() == null ? "—" : formatMicros(c.getValue())),
        }),
        col.accessor("createdAt", {
          header: "Created",
          cell: (c) => <RelTime at={c.getValue()} />,
        }),
      ] as Columns<TenantRow>,
    [],
  );
  return (
    <>
      <PageHeader
        title="Tenants & keys"
        description="Customers of the gateway: their plan, limits and budget, and the API keys they call with."
        actions={<CreateTenantDialog />}
      />
      <Card title="Tenants">
        <QueryState
          query={query}
          isEmpty={(d) => d.data.length === 0}
          empty="No tenants yet: create one to issue its first key."
        >
          {(d) => <DataTable label="Tenants" columns={columns} data={d.data} rowId={(t) => t.id} />}
        </QueryState>
      </Card>
    </>
  );
}

function CreateTenantDialog() {
  const [open, setOpen] = useState(false);
  const plans = usePlans();
  const create = useCreateTenant();
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = readTenantForm(new FormData(event.currentTarget));
    const created = await create
      .mutateAsync({ ...input, name: input.name ?? "" })
      .catch(() => null);
    if (created)
      window.location.assign(new URL(`/tenants/${created.id}`, window.location.origin).href);
  }
  return (
    <ModalDialog
      open={open}
      onOpenChange={setOpen}
      title="Create a tenant"
      trigger={<Button variant="primary">Create tenant</Button>}
    >
      <form onSubmit={onSubmit} className="space-y-4">
        <TenantFields plans={plans.data?.data ?? []} idPrefix="new-tenant" />
        <ErrorText>{create.error?.message}</ErrorText>
        <div className="flex justify-end gap-2">
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={create.isPending}>
            Create
          </Button>
        </div>
      </form>
    </ModalDialog>
  );
}
