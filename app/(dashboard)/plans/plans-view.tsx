"use client";

import { useMemo } from "react";
import { formatPricePer1M } from "@/lib/format/dollars";
import { formatMicros, formatTokens } from "@/lib/format/numbers";
import { usePlans, type PlanRow } from "@/lib/queries/use-plans";
import { columnsFor, DataTable, type Columns } from "../_components/data-table";
import { QueryState } from "../_components/query-state";
import { Card, PageHeader } from "../_components/ui";
import { PlanDialog } from "./plan-dialog";

const col = columnsFor<PlanRow>();
const limit = (v: number | string | null) => (v === null ? "none" : formatTokens(v));

/** The plans tenants are on: fee, included tokens, overage price and default limits, each editable. */
export function PlansView() {
  const query = usePlans();
  const columns = useMemo(
    () =>
      [
        col.accessor("name", { header: "Plan" }),
        col.accessor("monthlyFeeMicros", {
          header: "Monthly fee",
          cell: (c) => formatMicros(c.getValue()),
        }),
        col.accessor("includedTokens", {
          header: "Included tokens",
          cell: (c) => formatTokens(c.getValue()),
        }),
        col.accessor("overagePricePer1MMicros", {
          header: "Overage / 1M",
          cell: (c) => formatPricePer1M(c.getValue()),
        }),
        col.accessor("defaultRequestsPerMinute", {
          header: "Requests / min",
          cell: (c) => limit(c.getValue()),
        }),
        col.accessor("defaultTokensPerMinute", {
          header: "Tokens / min",
          cell: (c) => limit(c.getValue()),
        }),
        col.accessor("defaultMonthlyTokenQuota", {
          header: "Monthly tokens",
          cell: (c) => limit(c.getValue()),
        }),
        col.accessor("allowOverage", {
          header: "Past the allowance",
          cell: (c) => (c.getValue() ? "billed" : "refused"),
        }),
        col.accessor((p) => p._count.tenants, { id: "tenants", header: "Tenants" }),
        col.display({
          id: "edit",
          header: () => <span className="sr-only">Actions</span>,
          cell: (c) => <PlanDialog plan={c.row.original} />,
        }),
      ] as Columns<PlanRow>,
    [],
  );
  return (
    <>
      <PageHeader
        title="Plans"
        description="What tenants pay each month, the tokens it includes, the price past them, and the limits a tenant gets unless it has its own."
      />
      <Card title="Plans">
        <QueryState query={query} isEmpty={(d) => d.data.length === 0} empty="No plans.">
          {(d) => <DataTable label="Plans" columns={columns} data={d.data} rowId={(p) => p.id} />}
        </QueryState>
      </Card>
    </>
  );
}
