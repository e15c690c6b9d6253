"use client";

import Link from "next/link";
import { useMemo, useState, type FormEvent } from "react";
import { formatMicros } from "@/lib/format/numbers";
import { useGenerateInvoices, useInvoices, type Invoice, type InvoiceFilters } from "@/lib/queries/use-invoices";
import { useTenants } from "@/lib/queries/use-tenants";
import { columnsFor, DataTable, type Columns } from "../_components/data-table";
import { QueryState } from "../_components/query-state";
import { StatusBadge } from "../_components/state-badge";
import { Button, Card, ErrorText, Field, Input, Notice, PageHeader, Select } from "../_components/ui";

const col = columnsFor<Invoice>();

function thisMonth(): string {
  return new Date().toISOString().slice(0, 7);
}

export function InvoicesView() {
  const [filters, setFilters] = useState<InvoiceFilters>({});
  const query = useInvoices(filters);
  const tenants = useTenants();
  const generate = useGenerateInvoices();
  const tenantName = useMemo(() => new Map((tenants.data?.data ?? []).map((t) => [t.id, t.name])), [tenants.data]);
  const columns = useMemo(
    () =>
      [
        col.accessor("number", { header: "Number", cell: (c) => <Link href={`/invoices/${c.row.original.id}`} className="font-medium text-indigo-700 underline dark:text-indigo-300">{c.getValue() ?? `Draft ${c.row.original.period}`}</Link> }),
        col.accessor((i) => i.tenantName ?? i.tenant?.name ?? i.tenantId, { id: "tenant", header: "Tenant" }),
        col.accessor("period", { header: "Period" }),
        col.accessor("status", { header: "Status", cell: (c) => <StatusBadge status={c.getValue()} /> }),
        col.accessor("totalMicros", { header: "Total", cell: (c) => <span className="tabular-nums">{formatMicros(c.getValue(), c.row.original.currency)}</span> }),
      ] as Columns<Invoice>,
    [],
  );
  function onFilter(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const v = (k: string) => String(f.get(k) ?? "").trim() || undefined;
    setFilters({ tenantId: v("tenantId"), period: v("period"), status: v("status") });
  }
  function onGenerate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    generate.mutate({ period: String(f.get("period")), tenantId: String(f.get("tenantId") ?? "") || undefined });
  }
  const tenantOptions = (tenants.data?.data ?? []).map((t) => (
    <option key={t.id} value={t.id}>
      {t.name}
    </option>
  ));
  return (
    <>
      <PageHeader title="Invoices" description="Monthly invoices per tenant. Generating is idempotent: a period already invoiced is not invoiced twice." />
      <div className="space-y-6">
        <Card title="Generate">
          <form onSubmit={onGenerate} className="flex flex-wrap items-end gap-3" aria-label="Generate invoices">
            <div className="w-44">
              <Field label="Period (month)" id="inv-gen-period">
                <Input id="inv-gen-period" name="period" type="month" required defaultValue={thisMonth()} />
              </Field>
            </div>
            <div className="w-56">
              <Field label="Tenant" id="inv-gen-tenant">
                <Select id="inv-gen-tenant" name="tenantId" defaultValue="">
                  <option value="">Every tenant</option>
                  {tenantOptions}
                </Select>
              </Field>
            </div>
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
          <form onSubmit={onFilter} className="no-print mb-4 flex flex-wrap items-end gap-3" aria-label="Filter invoices">
            <div className="w-56">
              <Field label="Tenant" id="inv-f-tenant">
                <Select id="inv-f-tenant" name="tenantId" defaultValue="">
                  <option value="">All tenants</option>
                  {tenantOptions}
                </Select>
              </Field>
            </div>
            <div className="w-44">
              <Field label="Period" id="inv-f-period">
                <Input id="inv-f-period" name="period" type="month" />
              </Field>
            </div>
            <div className="w-36">
              <Field label="Status" id="inv-f-status">
                <Select id="inv-f-status" name="status" defaultValue="">
                  <option value="">Any</option>
                  {["draft", "issued", "paid", "void"].map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                </Select>
              </Field>
            </div>
            <Button type="submit">Apply filters</Button>
          </form>
          <QueryState query={query} isEmpty={(d) => d.data.length === 0} empty="No invoices match.">
            {(d) => <DataTable label="Invoices" columns={columns} data={d.data.map((i) => ({ ...i, tenantName: i.tenantName ?? tenantName.get(i.tenantId) ?? null }))} rowId={(i) => i.id} />}
          </QueryState>
        </Card>
      </div>
    </>
  );
}
