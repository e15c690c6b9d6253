"use client";

import Link from "next/link";
import { useMemo, useState, type FormEvent } from "react";
import { formatMicros } from "@/lib/format/numbers";
import {
  useGenerateInvoices,
  useInvoices,
  type InvoiceFilters,
  type InvoiceWire,
} from "@/lib/queries/use-invoices";
import { useTenants } from "@/lib/queries/use-tenants";
import { columnsFor, DataTable, type Columns } from "../_components/data-table";
import { FilterBar, InputField, SelectField, TenantSelect } from "../_components/list-controls";
import { QueryState } from "../_components/query-state";
import { StatusBadge } from "../_components/state-badge";
import { Button, Card, ErrorText, Notice, PageHeader } from "../_components/ui";

/** An invoice row with its tenant's name looked up from the tenant list (null when not found). */
type InvoiceRow = InvoiceWire & { tenantName: string | null };

const col = columnsFor<InvoiceRow>();

function thisMonth(): string {
  return new Date().toISOString().slice(0, 7);
}

export function InvoicesView() {
  const [filters, setFilters] = useState<InvoiceFilters>({});
  const query = useInvoices(filters);
  const tenants = useTenants();
  const generate = useGenerateInvoices();
  const tenantName = useMemo(
    () => new Map((tenants.data?.data ?? []).map((t) => [t.id, t.name])),
    [tenants.data],
  );
  const columns = useMemo(
    () =>
      [
        col.accessor("number", {
          header: "Number",
          cell: (c) => (
            <Link
              href={`/invoices/${c.row.original.id}`}
              className="font-medium text-indigo-700 underline dark:text-indigo-300"
            >
              {c.getValue() ?? `Draft ${c.row.original.period}`}
            </Link>
          ),
        }),
        col.accessor((i) => i.tenantName ?? i.tenantId, {
          id: "tenant",
          header: "Tenant",
        }),
        col.accessor("period", { header: "Period" }),
        col.accessor("status", {
          header: "Status",
          cell: (c) => <StatusBadge status={c.getValue()} />,
        }),
        col.accessor("totalMicros", {
          header: "Total",
          cell: (c) => (
            <span className="tabular-nums">
              {formatMicros(c.getValue(), c.row.original.currency)}
            </span>
          ),
        }),
      ] as Columns<InvoiceRow>,
    [],
  );
  function onGenerate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    generate.mutate({
      period: String(f.get("period")),
      tenantId: String(f.get("tenantId") ?? "") || undefined,
    });
  }
  return (
    <>
      <PageHeader
        title="Invoices"
        description="Monthly invoices per tenant. Generating is idempotent: a period already invoiced is not invoiced twice."
      />
      <div className="space-y-6">
        <Card title="Generate">
          <form
            onSubmit={onGenerate}
            className="flex flex-wrap items-end gap-3"
            aria-label="Generate invoices"
          >
            <InputField
              id="inv-gen-period"
              label="Period (month)"
              width="w-44"
              name="period"
              type="month"
              required
              defaultValue={thisMonth()}
            />
            <TenantSelect
              id="inv-gen-tenant"
              anyLabel="Every tenant"
              tenants={tenants.data?.data ?? []}
            />
            <Button type="submit" variant="primary" disabled={generate.isPending}>
              {generate.isPending ? "Generating…" : "Generate invoices"}
            </Button>
          </form>
          <div className="mt-3">
            <ErrorText>{generate.error?.message}</ErrorText>
            {generate.isSuccess && <Notice tone="success">Invoices generated.</Notice>}
          </div>
        </Card>
        <Card title="Invoices">
          <FilterBar
            label="Filter invoices"
            fields={["tenantId", "period", "status"] as const}
            // The status select offers only the four statuses the query schema accepts.
            onApply={(values) => setFilters(values as InvoiceFilters)}
          >
            <TenantSelect
              id="inv-f-tenant"
              anyLabel="All tenants"
              tenants={tenants.data?.data ?? []}
            />
            <InputField id="inv-f-period" label="Period" width="w-44" name="period" type="month" />
            <SelectField
              id="inv-f-status"
              label="Status"
              width="w-36"
              name="status"
              defaultValue=""
              options={[
                { value: "", label: "Any" },
                ...["draft", "issued", "paid", "void"].map((s) => ({ value: s, label: s })),
              ]}
            />
          </FilterBar>
          <QueryState query={query} isEmpty={(d) => d.data.length === 0} empty="No invoices match.">
            {(d) => (
              <DataTable
                label="Invoices"
                columns={columns}
                data={d.data.map((i) => ({
                  ...i,
                  tenantName: tenantName.get(i.tenantId) ?? null,
                }))}
                rowId={(i) => i.id}
              />
            )}
          </QueryState>
        </Card>
      </div>
    </>
  );
}
