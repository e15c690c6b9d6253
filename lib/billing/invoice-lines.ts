import { PICOS_PER_MICRO, picosToMicros } from "./money";
import type { OverageByModel } from "./allowance";
import type { PlanTerms } from "./plan-for-month";

/**
 * An invoice's lines from its plan and overage, in exact integer micro-dollars.
 * Charge lines (`fee`, `overage`, `rounding`) sum exactly to `totalMicros`; `info`
 * lines (the per-model breakdown of the overage) are shown and never added again.
 * Money is rounded once: the exact pico-dollar total is rounded half-up to whole cents
 * and the difference to the charge lines becomes the rounding line.
 */
export interface InvoiceLineDraft {
  kind: "fee" | "overage" | "info" | "rounding";
  description: string;
  quantity: bigint;
  unitMicros: bigint;
  amountMicros: bigint;
}

export interface InvoiceDraft {
  lines: InvoiceLineDraft[];
  totalMicros: bigint;
}

export interface InvoiceInput {
  plan: PlanTerms;
  totalTokens: bigint;
  overageTokens: bigint;
  overagePicos: bigint;
  breakdown: readonly OverageByModel[];
}

const PICOS_PER_CENT = 10_000n * PICOS_PER_MICRO;

/** Rounds exact pico-dollars to whole cents, half up, and returns micro-dollars. */
export function roundPicosToCentsInMicros(picos: bigint): bigint {
  const cents = (picos + PICOS_PER_CENT / 2n) / PICOS_PER_CENT;
  return cents * 10_000n;
}

/** Average price per 1M tokens of an amount, for display (micro-dollars, half up). */
function perMillion(picos: bigint, tokens: bigint): bigint {
  if (tokens === 0n) return 0n;
  return (picos + tokens / 2n) / tokens;
}

const fmt = (n: bigint) => n.toLocaleString("en-US");

export function buildInvoiceLines(input: InvoiceInput): InvoiceDraft {
  const { plan } = input;
  const lines: InvoiceLineDraft[] = [
    {
      kind: "fee",
      description: `Plan fee: ${plan.name}`,
      quantity: 1n,
      unitMicros: plan.monthlyFeeMicros,
      amountMicros: plan.monthlyFeeMicros,
    },
  ];
  // To the nearest micro-dollar, as every report shows the same pico-dollars, so a line
  // and the spend report agree; the rounding line below still makes the total exact.
  const overageMicros = picosToMicros(input.overagePicos);
  lines.push({
    kind: "overage",
    description:
      plan.includedTokens === 0n
        ? `Tokens used: ${fmt(input.totalTokens)} (unit price per 1M tokens)`
        : `Overage: ${fmt(input.overageTokens)} of ${fmt(input.totalTokens)} tokens used, beyond the ${fmt(plan.includedTokens)} included (unit price per 1M tokens)`,
    quantity: input.overageTokens,
    unitMicros:
      input.overageTokens === 0n
        ? plan.overagePricePer1MMicros
        : perMillion(input.overagePicos, input.overageTokens),
    amountMicros: overageMicros,
  });
  for (const m of input.breakdown) {
    lines.push({
      kind: "info",
      description: `  of which ${m.model} (informational, included above)`,
      quantity: m.tokens,
      unitMicros: perMillion(m.picos, m.tokens),
      amountMicros: picosToMicros(m.picos),
    });
  }
  const exactPicos = plan.monthlyFeeMicros * PICOS_PER_MICRO + input.overagePicos;
  const totalMicros = roundPicosToCentsInMicros(exactPicos);
  const charged = plan.monthlyFeeMicros + overageMicros;
  const rounding = totalMicros - charged;
  lines.push({
    kind: "rounding",
    description: "Rounding to whole cents",
    quantity: 1n,
    unitMicros: rounding,
    amountMicros: rounding,
  });
  return { lines, totalMicros };
}

/** The charge lines' sum; equals totalMicros for every draft buildInvoiceLines returns. */
export function sumChargeLines(
  lines: readonly Pick<InvoiceLineDraft, "kind" | "amountMicros">[],
): bigint {
  return lines.filter((l) => l.kind !== "info").reduce((s, l) => s + l.amountMicros, 0n);
}
