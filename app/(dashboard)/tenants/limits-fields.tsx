"use client";

import type { PlanRow } from "@/lib/queries/use-plans";
import type { TenantUpdateInput, TenantWire } from "@/lib/queries/use-tenants";
import { Field, Input, Select } from "../_components/ui";

/** Empty means "no limit of its own" (null): the plan's default applies. */
function num(form: FormData, name: string): number | null {
  const v = String(form.get(name) ?? "").trim();
  return v === "" ? null : Number(v);
}

/** Reads the tenant form: plan, limits, and the monthly budget entered in dollars (stored in micro-dollars). */
export function readTenantForm(form: FormData): TenantUpdateInput {
  const budget = String(form.get("budget") ?? "").trim();
  return {
    name: String(form.get("name") ?? "").trim() || undefined,
    planId: String(form.get("planId") ?? "") || undefined,
    requestsPerMinute: num(form, "requestsPerMinute"),
    tokensPerMinute: num(form, "tokensPerMinute"),
    monthlyTokenQuota: num(form, "monthlyTokenQuota"),
    monthlySpendLimitMicros: budget === "" ? null : Math.round(Number(budget) * 1_000_000),
  };
}

/** Name, plan, rate limits, monthly token quota and monthly budget: the same fields to create and to edit. */
export function TenantFields({
  plans,
  tenant,
  idPrefix,
}: {
  plans: PlanRow[];
  tenant?: TenantWire;
  idPrefix: string;
}) {
  const id = (n: string) => `${idPrefix}-${n}`;
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field label="Name" id={id("name")}>
        <Input
          id={id("name")}
          name="name"
          required
          defaultValue={tenant?.name}
          autoComplete="off"
        />
      </Field>
      <Field label="Plan" id={id("plan")}>
        <Select id={id("plan")} name="planId" defaultValue={tenant?.planId ?? ""}>
          {!tenant && <option value="">Default plan</option>}
          {plans.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Requests per minute" id={id("rpm")} hint="Empty: the plan's default.">
        <Input
          id={id("rpm")}
          name="requestsPerMinute"
          type="number"
          min={1}
          defaultValue={tenant?.requestsPerMinute ?? ""}
        />
      </Field>
      <Field label="Tokens per minute" id={id("tpm")} hint="Empty: the plan's default.">
        <Input
          id={id("tpm")}
          name="tokensPerMinute"
          type="number"
          min={1}
          defaultValue={tenant?.tokensPerMinute ?? ""}
        />
      </Field>
      <Field label="Monthly token quota" id={id("quota")} hint="Empty: no quota.">
        <Input
          id={id("quota")}
          name="monthlyTokenQuota"
          type="number"
          min={0}
          defaultValue={tenant?.monthlyTokenQuota ?? ""}
        />
      </Field>
      <Field label="Monthly budget (USD)" id={id("budget")} hint="Empty: no budget.">
        <Input
          id={id("budget")}
          name="budget"
          type="number"
          min={0}
          step="0.01"
          defaultValue={
            tenant?.monthlySpendLimitMicros != null
              ? Number(tenant.monthlySpendLimitMicros) / 1_000_000
              : ""
          }
        />
      </Field>
    </div>
  );
}
