"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { usePlans } from "@/lib/queries/use-plans";
import { useTenant, useUpdateTenant } from "@/lib/queries/use-tenants";
import { QueryState } from "../../_components/query-state";
import { StatusBadge } from "../../_components/state-badge";
import { Button, Card, ErrorText, Notice, PageHeader } from "../../_components/ui";
import { readTenantForm, TenantFields } from "../limits-fields";
import { KeysCard } from "./keys-card";
import { UsageBar } from "./usage-bar";

export function TenantView({ id }: { id: string }) {
  const query = useTenant(id);
  const plans = usePlans();
  const update = useUpdateTenant(id);
  const [saved, setSaved] = useState(false);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const ok = await update
      .mutateAsync(readTenantForm(new FormData(event.currentTarget)))
      .catch(() => null);
    if (ok) {
      setSaved(true);
      void query.refetch();
    }
  }
  return (
    <QueryState query={query}>
      {(t) => (
        <>
          <PageHeader
            title={t.name}
            description={
              <>
                <Link href="/tenants" className="underline">
                  Tenants
                </Link>{" "}
                · plan {t.plan?.name} · <StatusBadge status={t.status} />
              </>
            }
            actions={
              <Button
                onClick={() =>
                  update.mutate(
                    { status: t.status === "active" ? "suspended" : "active" },
                    { onSuccess: () => void query.refetch() },
                  )
                }
              >
                {t.status === "active" ? "Suspend" : "Reactivate"}
              </Button>
            }
          />
          <div className="space-y-6">
            <Card title="This month's usage">
              <UsageBar tenant={t} />
            </Card>
            <KeysCard tenantId={t.id} />
            <Card title="Plan, limits and budget">
              {plans.data && (
                <form onSubmit={onSubmit} className="space-y-4" key={t.updatedAt}>
                  <TenantFields plans={plans.data.data} tenant={t} idPrefix="edit-tenant" />
                  <ErrorText>{update.error?.message}</ErrorText>
                  {saved && <Notice tone="success">Saved.</Notice>}
                  <Button type="submit" variant="primary" disabled={update.isPending}>
                    Save changes
                  </Button>
                </form>
              )}
            </Card>
          </div>
        </>
      )}
    </QueryState>
  );
}
