"use client";

import { useState, type FormEvent, type ReactNode } from "react";
import {
  DeploymentCreateSchema,
  DeploymentUpdateSchema,
} from "@/lib/admin/deployments/deployment-schemas";
import { dollarsToMicros, microsToDollars } from "@/lib/format/dollars";
import { AdminApiError } from "@/lib/queries/admin-fetch";
import {
  useCreateDeployment,
  useUpdateDeployment,
  type Deployment,
  type DeploymentInput,
  type RegisteredProvider,
} from "@/lib/queries/use-deployments";
import { checkAsApi, type FormProblem } from "../_components/check-as-api";
import { ChoiceSelect } from "../_components/choice-select";
import { ModalDialog } from "../_components/dialogs";
import { Button, ErrorText, Field, Input } from "../_components/ui";

const KINDS = [
  { value: "chat", label: "Chat (chat, messages, responses)" },
  { value: "embedding", label: "Embedding (/v1/embeddings)" },
];

/** Form field -> the API field it fills, so the field the API names is marked invalid. */
const API_FIELD: Record<string, string> = {
  provider: "provider",
  model: "model",
  aliases: "aliases",
  kind: "kind",
  input: "inputPricePer1MMicros",
  output: "outputPricePer1MMicros",
  cachedInput: "cachedInputPricePer1MMicros",
  cacheWrite: "cacheWritePricePer1MMicros",
  billed: "billedPricePer1MMicros",
  contextWindow: "contextWindow",
};

/**
 * The form's text as the API takes it: prices typed in dollars per 1M tokens (empty:
 * input and output prices left out, the optional ones null), aliases separated by
 * commas or spaces, the context window in tokens (empty: unknown).
 */
function readForm(form: FormData, provider: string, kind: string): Record<string, unknown> {
  const text = (name: string) => String(form.get(name) ?? "");
  const contextWindow = text("contextWindow").trim();
  return {
    provider,
    model: text("model"),
    aliases: text("aliases")
      .split(/[\s,]+/)
      .filter(Boolean),
    kind,
    inputPricePer1MMicros: dollarsToMicros(text("input"), undefined),
    outputPricePer1MMicros: dollarsToMicros(text("output"), undefined),
    cachedInputPricePer1MMicros: dollarsToMicros(text("cachedInput"), null),
    cacheWritePricePer1MMicros: dollarsToMicros(text("cacheWrite"), null),
    billedPricePer1MMicros: dollarsToMicros(text("billed"), null),
    contextWindow: contextWindow === "" ? null : Number(contextWindow),
  };
}

/**
 * Adding a deployment (no `deployment`) or editing one: provider from the registered
 * ones, upstream model id, aliases, kind, prices and context window. The draft is
 * checked with the API's own schema before it is sent; what only the API can know (an
 * unknown provider, a name taken, an alias over two kinds) comes back as its error,
 * shown the same way.
 */
export function DeploymentDialog({
  providers,
  deployment,
  trigger,
}: {
  providers: RegisteredProvider[];
  deployment?: Deployment;
  trigger: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [provider, setProvider] = useState(deployment?.provider ?? "");
  const [kind, setKind] = useState<string>(deployment?.kind ?? "chat");
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const create = useCreateDeployment();
  const update = useUpdateDeployment();
  const mutation = deployment ? update : create;
  const apiProblem: FormProblem | null = mutation.error
    ? {
        param: mutation.error instanceof AdminApiError ? mutation.error.param : null,
        message: mutation.error.message,
      }
    : null;
  const shown = problem ?? apiProblem;
  const invalid = (field: string) => shown?.param?.split(".")[0] === API_FIELD[field];
  const id = (field: string) => `deployment-${deployment?.id ?? "new"}-${field}`;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    mutation.reset();
    const draft = readForm(new FormData(event.currentTarget), provider, kind);
    const found = checkAsApi(deployment ? DeploymentUpdateSchema : DeploymentCreateSchema, draft);
    setProblem(found);
    if (found) return;
    // The schema accepted it: it is a DeploymentInput (and every field of it an edit).
    const input = draft as DeploymentInput;
    const saved = deployment
      ? await update.mutateAsync({ id: deployment.id, change: input }).catch(() => null)
      : await create.mutateAsync(input).catch(() => null);
    if (saved) setOpen(false);
  }

  const price = (field: string, label: string, value: number | null | undefined, hint: string) => (
    <Field label={label} id={id(field)} hint={hint}>
      <Input
        id={id(field)}
        name={field}
        inputMode="decimal"
        defaultValue={microsToDollars(value)}
        aria-invalid={invalid(field) || undefined}
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
        create.reset();
        update.reset();
        setProvider(deployment?.provider ?? "");
        setKind(deployment?.kind ?? "chat");
      }}
      title={deployment ? `Edit ${deployment.publicName}` : "Add a deployment"}
      description="Prices in dollars per 1M tokens. Changes reach every instance's routing within a second; past requests keep the prices they were metered with."
      trigger={trigger}
    >
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Provider" id={id("provider")}>
            <ChoiceSelect
              id={id("provider")}
              choices={providers.map((p) => ({ value: p.id, label: `${p.name} (${p.id})` }))}
              value={provider}
              onValueChange={setProvider}
              placeholder="Choose a provider"
              invalid={invalid("provider")}
            />
          </Field>
          <Field label="Kind" id={id("kind")}>
            <ChoiceSelect
              id={id("kind")}
              choices={KINDS}
              value={kind}
              onValueChange={setKind}
              invalid={invalid("kind")}
            />
          </Field>
        </div>
        <Field
          label="Upstream model id"
          id={id("model")}
          hint="As the provider's API spells it, e.g. deepseek-reasoner."
        >
          <Input
            id={id("model")}
            name="model"
            defaultValue={deployment?.model}
            aria-invalid={invalid("model") || undefined}
            autoComplete="off"
          />
        </Field>
        <Field
          label="Aliases"
          id={id("aliases")}
          hint="Other names callers may send as model, separated by commas. An alias on several deployments of one kind fails over between them."
        >
          <Input
            id={id("aliases")}
            name="aliases"
            defaultValue={deployment?.aliases.join(", ")}
            aria-invalid={invalid("aliases") || undefined}
            autoComplete="off"
          />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          {price(
            "input",
            "Input $ / 1M",
            deployment?.inputPricePer1MMicros,
            "What the provider charges.",
          )}
          {price(
            "output",
            "Output $ / 1M",
            deployment?.outputPricePer1MMicros,
            kind === "embedding" ? "Embeddings: empty is 0." : "What the provider charges.",
          )}
          {price(
            "cachedInput",
            "Cached input $ / 1M",
            deployment?.cachedInputPricePer1MMicros,
            "Empty: no discount.",
          )}
          {price(
            "cacheWrite",
            "Cache write $ / 1M",
            deployment?.cacheWritePricePer1MMicros,
            "Empty: the input price.",
          )}
          {price(
            "billed",
            "Billed $ / 1M",
            deployment?.billedPricePer1MMicros,
            "What tenants pay; empty: their plan's price.",
          )}
          <Field label="Context window" id={id("contextWindow")} hint="Tokens; empty: unknown.">
            <Input
              id={id("contextWindow")}
              name="contextWindow"
              inputMode="numeric"
              defaultValue={deployment?.contextWindow ?? ""}
              aria-invalid={invalid("contextWindow") || undefined}
              autoComplete="off"
            />
          </Field>
        </div>
        <ErrorText>{shown?.message}</ErrorText>
        <div className="flex justify-end gap-2">
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={mutation.isPending}>
            {deployment ? "Save changes" : "Add deployment"}
          </Button>
        </div>
      </form>
    </ModalDialog>
  );
}
