"use client";

import Link from "next/link";
import { formatCount, formatExact, formatMicros } from "@/lib/format/numbers";
import { useInvoice, useInvoiceAction } from "@/lib/queries/use-invoices";
import { useTenant } from "@/lib/queries/use-tenants";
import { ConfirmDialog } from "../../_components/dialogs";
import { QueryState } from "../../_components/query-state";
import { StatusBadge } from "../../_components/state-badge";
import { Button, ErrorText } from "../../_components/ui";

/** An invoice as a sheet that prints cleanly on A4 and Letter: no navigation, no buttons, black on white. */
export function InvoiceView({ id }: { id: string }) {
  const query = useInvoice(id);
  const action = useInvoiceAction(id);
  return (
    <QueryState query={query}>
      {(inv) => (
        <div className="mx-auto max-w-3xl">
          <div className="no-print mb-4 flex flex-wrap items-center justify-between gap-2">
            <Link href="/invoices" className="text-sm underline">
              ← Invoices
            </Link>
            <div className="flex flex-wrap gap-2">
              <Button onClick={() => window.print()}>Print</Button>
              <a
                href={`/api/admin/invoices/${inv.id}?format=csv`}
                download={`${inv.number ?? `draft-${inv.id}`}.csv`}
                className="inline-flex items-center rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
              >
                Download CSV
              </a>
              {inv.status === "draft" && (
                <Button
                  variant="primary"
                  onClick={() => action.mutate("issue", { onSuccess: () => void query.refetch() })}
                >
                  Issue
                </Button>
              )}
              {inv.status === "issued" && (
                <ConfirmDialog
                  title={`Mark ${inv.number ?? "this invoice"} paid?`}
                  description={`Records payment of ${formatMicros(inv.totalMicros, inv.currency)} for ${inv.period}.`}
                  confirmLabel="Mark paid"
                  danger={false}
                  onConfirm={() => action.mutate("pay", { onSuccess: () => void query.refetch() })}
                  trigger={<Button variant="primary">Mark paid…</Button>}
                />
              )}
              {(inv.status === "draft" || inv.status === "issued") && (
                <ConfirmDialog
                  title={`Void ${inv.number ?? "this draft"}?`}
                  description="A void invoice stays on record but is no longer owed. This cannot be undone."
                  confirmLabel="Void invoice"
                  onConfirm={() => action.mutate("void", { onSuccess: () => void query.refetch() })}
                  trigger={<Button variant="danger">Void…</Button>}
                />
              )}
            </div>
          </div>
          <ErrorText>{action.error?.message}</ErrorText>
          <InvoiceSheet invoice={inv} />
        </div>
      )}
    </QueryState>
  );
}

function InvoiceSheet({
  invoice: inv,
}: {
  invoice: NonNullable<ReturnType<typeof useInvoice>["data"]>;
}) {
  const tenant = useTenant(inv.tenantId);
  return (
    <article
      aria-label={`Invoice ${inv.number ?? "draft"}`}
      className="print-plain rounded-xl border border-slate-200 bg-white p-8 text-slate-900 shadow-sm dark:border-slate-800 dark:bg-slate-900 dark:text-slate-100 print:border-0 print:p-0"
    >
      <header className="mb-8 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">
            {inv.number ? `Invoice ${inv.number}` : `Draft invoice ${inv.period}`}
          </h1>
          <p className="mt-1 text-sm">
            Period {inv.period} (UTC) · <StatusBadge status={inv.status} />
          </p>
          {inv.issuedAt && <p className="text-sm">Issued {formatExact(inv.issuedAt)}</p>}
        </div>
        <div className="text-right text-sm">
          <p className="font-medium">Billed to</p>
          <p>{tenant.data?.name ?? inv.tenantId}</p>
        </div>
      </header>
      <table className="w-full border-collapse text-sm" aria-label="Invoice lines">
        <thead>
          <tr className="border-b-2 border-slate-300 text-left">
            <th scope="col" className="py-2 pr-2 font-medium">
              Description
            </th>
            <th scope="col" className="py-2 pr-2 text-right font-medium">
              Quantity
            </th>
            <th scope="col" className="py-2 pr-2 text-right font-medium">
              Unit price
            </th>
            <th scope="col" className="py-2 text-right font-medium">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {inv.lines.map((l, i) => (
            <tr
              key={i}
              className={`border-b border-slate-200 dark:border-slate-700 print:break-inside-avoid ${l.kind === "info" ? "text-slate-600 italic dark:text-slate-400" : ""}`}
            >
              <td className="py-2 pr-2">
                {l.description}
                {l.kind === "info" && (
                  <span className="sr-only"> (breakdown, not added to the total)</span>
                )}
              </td>
              <td className="py-2 pr-2 text-right tabular-nums">{formatCount(l.quantity)}</td>
              <td className="py-2 pr-2 text-right tabular-nums">
                {formatMicros(l.unitMicros, inv.currency)}
              </td>
              <td className="py-2 text-right tabular-nums">
                {formatMicros(l.amountMicros, inv.currency)}
              </td>
            </tr>
          ))}
          {inv.lines.length === 0 && (
            <tr>
              <td colSpan={4} className="py-4 text-center text-slate-600 dark:text-slate-400">
                No charges this period.
              </td>
            </tr>
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3} className="pt-4 pr-2 text-right font-semibold">
              Total ({inv.currency})
            </th>
            <td
              className="pt-4 text-right text-lg font-semibold tabular-nums"
              data-testid="invoice-total"
            >
              {inv.total ?? formatMicros(inv.totalMicros, inv.currency)}
            </td>
          </tr>
        </tfoot>
      </table>
    </article>
  );
}
