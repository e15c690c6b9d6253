"use client";

import { useState, type FormEvent } from "react";
import { PlanUpdateSchema } from "@/lib/admin/plans/plan-schemas";
import { dollarsToMicros, microsToDollars } from "@/lib/format/dollars";
import { AdminApiError } from "@/lib/queries/admin-fetch";
import { useUpdatePlan, type PlanChange, type PlanRow } from "@/lib/queries/use-plans";
import { checkAsApi, type FormProblem } from "../_components/check-as-api";
import { ModalDialog } from "../_components/dialogs";
import { Button, ErrorText, Field, Input } from "../_components/ui";

/** Empty: the field's `empty` (undefined: unchanged, null: no limit); else the number typed, NaN if it is none. */
function count<E extends null | undefined>(form: FormData, name: string, empty: E): number | E {
  const v = String(form.get(name) ?? "").trim();
  return v === "" ? empty : Number(v);
}

/**
 * The plan form's text as the API takes it: money in dollars (the fee) and dollars per 1M
 * tokens (overage), counts in tokens and requests; an empty limit is no limit.
 */
function readPlanForm(form: FormData): Record<string, unknown> {
  return {
    name: String(form.get("name") ?? ""),
    monthlyFeeMicros: dollarsToMicros(String(form.get("fee") ?? ""), undefined),
    includedTokens: count(form, "includedTokens", undefined),
    overagePricePer1MMicros: dollarsToMicros(String(form.get("overage") ?? ""), undefined),
    defaultRequestsPerMinute: count(form, "rpm", null),
    defaultTokensPerMinute: count(form, "tpm", null),
    defaultMonthlyTokenQuota: count(form, "quota", null),
    allowOverage: form.get("allowOverage") === "on",
  };
}

/** Form field -> the API field it fills, so the field the API names is marked invalid. */
const API_FIELD: Record<string, string> = {
  name: "name",
  fee: "monthlyFeeMicros",
  includedTokens: "includedTokens",
  overage: "overagePricePer1MMicros",
  rpm: "defaultRequestsPerMinute",
  tpm: "defaultTokensPerMinute",
  quota: "defaultMonthlyTokenQuota",
};

/**
 * Editing a plan's terms and default limits. Checked with the API's own schema before it
 * is sent; the API's refusal (a name taken, say) is shown the same way. A change reaches
 * every tenant on the plan at once.
 */
export function PlanDialog({ plan }: { plan: PlanRow }) {
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const update = useUpdatePlan();
  const shown: FormProblem | null =
    problem ??
    (update.error
      ? {
          param: update.error instanceof AdminApiError ? update.error.param : null,
          message: update.error.message,
        }
      : null);
  const id = (field: string) => `plan-${plan.id}-${field}`;
  const invalid = (field: string) => shown?.param === API_FIELD[field] || undefined;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    update.reset();
    const draft = readPlanForm(new FormData(event.currentTarget));
    const found = checkAsApi(PlanUpdateSchema, draft);
    setProblem(found);
    if (found) return;
    // The schema accepted it: it is a plan change.
    const saved = await update
      .mutateAsync({ id: plan.id, change: draft as PlanChange })
      .catch(() => null);
    if (saved) setOpen(false);
  }

  const field = (
    name: string,
    label: string,
    value: string | number | null | undefined,
    hint?: string,
  ) => (
    <Field label={label} id={id(name)} hint={hint}>
      <Input
        id={id(name)}
        name={name}
        inputMode={name === "fee" || name === "overage" ? "decimal" : "numeric"}
        defaultValue={value ?? ""}
        aria-invalid={invalid(name)}
        autoComplete="off"
      />
    </Field>
  );

  return (
    <ModalDialog
      open={open}
      onOpenChange={setOpen}
      onClosed={() => {
        setProblem(null);
        update.reset();
      }}
      title={`Edit plan ${plan.name}`}
      description="Tenants on this plan get the new terms and default limits at once; issued invoices keep the terms they were issued with."
      trigger={
        <Button size="sm" aria-label={`Edit plan ${plan.name}`}>
          Edit
        </Button>
      }
    >
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <Field label="Name" id={id("name")}>
          <Input
            id={id("name")}
            name="name"
            defaultValue={plan.name}
            aria-invalid={invalid("name")}
            autoComplete="off"
          />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          {field("fee", "Monthly fee (USD)", microsToDollars(plan.monthlyFeeMicros))}
          {field("includedTokens", "Included tokens a month", String(plan.includedTokens))}
          {field("overage", "Overage $ / 1M tokens", microsToDollars(plan.overagePricePer1MMicros))}
          {field("rpm", "Requests per minute", plan.defaultRequestsPerMinute, "Empty: no limit.")}
          {field("tpm", "Tokens per minute", plan.defaultTokensPerMinute, "Empty: no limit.")}
          {field(
            "quota",
            "Monthly token quota",
            plan.defaultMonthlyTokenQuota === null ? null : String(plan.defaultMonthlyTokenQuota),
            "Empty: no quota.",
          )}
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="allowOverage" defaultChecked={plan.allowOverage} />
          Bill tokens past the included ones (unchecked: refuse them with 429)
        </label>
        <ErrorText>{shown?.message}</ErrorText>
        <div className="flex justify-end gap-2">
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={update.isPending}>
            Save plan
          </Button>
        </div>
      </form>
    </ModalDialog>
  );
}
