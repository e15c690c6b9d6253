"use client";

import clsx from "clsx";
import { useState, type FormEvent } from "react";
import { formatMicros } from "@/lib/format/numbers";
import { useRoutingPreview } from "@/lib/queries/use-routing-preview";
import { QueryState } from "../_components/query-state";
import { StateBadge } from "../_components/state-badge";
import { Button, Card, Field, Input, Select } from "../_components/ui";

/** What a model name would be routed to right now, and why each other candidate is passed over. */
export function PreviewCard() {
  const [model, setModel] = useState("auto");
  const [kind, setKind] = useState<"chat" | "embedding">("chat");
  const query = useRoutingPreview(model, kind);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setModel(String(form.get("model") ?? "").trim() || "auto");
    setKind(form.get("kind") === "embedding" ? "embedding" : "chat");
  }
  return (
    <Card title="Routing preview">
      <form
        onSubmit={onSubmit}
        className="mb-4 flex flex-wrap items-end gap-3"
        aria-label="Preview routing"
      >
        <div className="w-72">
          <Field label="Model" id="preview-model" hint="auto, provider/model or an alias">
            <Input id="preview-model" name="model" defaultValue="auto" />
          </Field>
        </div>
        <div className="w-48">
          <Field label="Request" id="preview-kind" hint="chat and embeddings never share a route">
            <Select id="preview-kind" name="kind" defaultValue="chat">
              <option value="chat">Chat completion</option>
              <option value="embedding">Embeddings</option>
            </Select>
          </Field>
        </div>
        <Button type="submit" variant="primary">
          Preview
        </Button>
      </form>
      <QueryState
        query={query}
        isEmpty={(d) => d.candidates.length === 0}
        empty={query.data?.error ?? `No deployment answers to '${model}'.`}
      >
        {(p) => (
          <>
            <p className="mb-3 text-sm" role="status">
              {p.chosen ? (
                <>
                  <strong>{p.model}</strong> would go to <strong>{p.chosen.model}</strong> with{" "}
                  {p.chosen.credential} ({formatMicros(p.chosen.expectedCostMicros)} for{" "}
                  {p.tokens.inputTokens} in + {p.tokens.outputTokens} out tokens).
                </>
              ) : (
                <>Nothing can serve {p.model} right now: every candidate is skipped.</>
              )}
            </p>
            <table className="w-full text-left text-sm" aria-label="Routing candidates">
              <thead>
                <tr className="border-b border-slate-200 dark:border-slate-700">
                  <th scope="col" className="px-2 py-2 font-medium">
                    #
                  </th>
                  <th scope="col" className="px-2 py-2 font-medium">
                    Deployment
                  </th>
                  <th scope="col" className="px-2 py-2 font-medium">
                    Credential
                  </th>
                  <th scope="col" className="px-2 py-2 text-right font-medium">
                    Price in / out per 1M
                  </th>
                  <th scope="col" className="px-2 py-2 text-right font-medium">
                    This request
                  </th>
                  <th scope="col" className="px-2 py-2 font-medium">
                    Breaker
                  </th>
                  <th scope="col" className="px-2 py-2 font-medium">
                    Decision
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.candidates.map((c) => (
                  <tr
                    key={`${c.deploymentId}-${c.credential}`}
                    className={clsx(
                      "border-b border-slate-100 dark:border-slate-800",
                      c.chosen && "bg-emerald-50 dark:bg-emerald-950",
                    )}
                  >
                    <td className="px-2 py-2">{c.rank}</td>
                    <td className="px-2 py-2">{c.model}</td>
                    <td className="px-2 py-2">{c.credential ?? "—"}</td>
                    <td className="px-2 py-2 text-right tabular-nums">
                      {formatMicros(c.inputPricePer1MMicros)} /{" "}
                      {formatMicros(c.outputPricePer1MMicros)}
                    </td>
                    <td className="px-2 py-2 text-right tabular-nums">
                      {formatMicros(c.expectedCostMicros)}
                    </td>
                    <td className="px-2 py-2">
                      <StateBadge state={c.breakerState} />
                    </td>
                    <td className="px-2 py-2">
                      {c.chosen ? (
                        <strong>chosen: cheapest usable</strong>
                      ) : c.skipped ? (
                        `skipped: ${c.skipped}`
                      ) : (
                        "fallback if the ones above fail"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </QueryState>
    </Card>
  );
}
