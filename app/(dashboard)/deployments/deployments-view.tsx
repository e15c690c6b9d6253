"use client";

import { useMemo } from "react";
import { formatPricePer1M } from "@/lib/format/dollars";
import { formatTokens } from "@/lib/format/numbers";
import {
  useDeployments,
  useUpdateDeployment,
  type Deployment,
  type RegisteredProvider,
} from "@/lib/queries/use-deployments";
import { columnsFor, DataTable, type Columns } from "../_components/data-table";
import { OnOffSwitch } from "../_components/on-off-switch";
import { QueryState } from "../_components/query-state";
import { Button, Card, ErrorText, PageHeader } from "../_components/ui";
import { DeploymentDialog } from "./deployment-dialog";

const col = columnsFor<Deployment>();

/** Takes a deployment in or out of routing at once; the API's refusal is shown beside it. */
function RoutingSwitch({ deployment }: { deployment: Deployment }) {
  const toggle = useUpdateDeployment();
  return (
    <div className="space-y-1">
      <OnOffSwitch
        label={`Routing for ${deployment.publicName}`}
        checked={deployment.enabled}
        disabled={toggle.isPending}
        on="enabled"
        off="disabled"
        onCheckedChange={(enabled) => toggle.mutate({ id: deployment.id, change: { enabled } })}
      />
      <ErrorText>{toggle.error?.message}</ErrorText>
    </div>
  );
}

function DeploymentsTable({
  rows,
  providers,
}: {
  rows: Deployment[];
  providers: RegisteredProvider[];
}) {
  const columns = useMemo(
    () =>
      [
        col.accessor("publicName", {
          header: "Deployment",
          cell: (c) => (
            <div>
              <div className="font-medium">{c.getValue()}</div>
              {c.row.original.aliases.length > 0 && (
                <div className="text-xs text-slate-600 dark:text-slate-400">
                  also {c.row.original.aliases.join(", ")}
                </div>
              )}
            </div>
          ),
        }),
        col.accessor("kind", { header: "Kind" }),
        col.accessor("inputPricePer1MMicros", {
          header: "Input / 1M",
          cell: (c) => formatPricePer1M(c.getValue()),
        }),
        col.accessor("outputPricePer1MMicros", {
          header: "Output / 1M",
          cell: (c) => formatPricePer1M(c.getValue()),
        }),
        col.accessor("cachedInputPricePer1MMicros", {
          header: "Cached / 1M",
          cell: (c) => formatPricePer1M(c.getValue()),
        }),
        col.accessor("billedPricePer1MMicros", {
          header: "Billed / 1M",
          cell: (c) => (c.getValue() === null ? "plan" : formatPricePer1M(c.getValue())),
        }),
        col.accessor("contextWindow", {
          header: "Context",
          cell: (c) => formatTokens(c.getValue()),
        }),
        col.accessor("enabled", {
          header: "Routing",
          cell: (c) => <RoutingSwitch deployment={c.row.original} />,
        }),
        col.display({
          id: "edit",
          header: () => <span className="sr-only">Actions</span>,
          cell: (c) => (
            <DeploymentDialog
              providers={providers}
              deployment={c.row.original}
              trigger={
                <Button size="sm" aria-label={`Edit ${c.row.original.publicName}`}>
                  Edit
                </Button>
              }
            />
          ),
        }),
      ] as Columns<Deployment>,
    [providers],
  );
  return <DataTable label="Deployments" columns={columns} data={rows} rowId={(d) => d.id} />;
}

/**
 * The catalogue: every deployment, enabled or not, with its names, kind, prices and
 * context window; add one, edit one, switch one in or out of routing.
 */
export function DeploymentsView() {
  const query = useDeployments();
  const providers = query.data?.providers ?? [];
  return (
    <>
      <PageHeader
        title="Deployments"
        description="The catalogue: each provider's models callers can reach, the names they use for them, and their prices."
        actions={
          <DeploymentDialog
            providers={providers}
            trigger={
              <Button variant="primary" disabled={!query.data}>
                Add deployment
              </Button>
            }
          />
        }
      />
      <Card title="Catalogue">
        <QueryState query={query} isEmpty={(d) => d.data.length === 0} empty="No deployments.">
          {(d) => <DeploymentsTable rows={d.data} providers={d.providers} />}
        </QueryState>
      </Card>
    </>
  );
}
