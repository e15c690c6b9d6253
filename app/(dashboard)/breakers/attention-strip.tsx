import type { ProviderListWire } from "@/lib/admin/providers/provider-wire";

/**
 * The line at the top of the breakers page that says what needs a person ("2 providers
 * down, 1 key quarantined"), or that nothing does. Announced politely when it changes.
 */
export function AttentionStrip({ attention }: { attention: ProviderListWire["attention"] }) {
  const calm = attention.words === null;
  return (
    <section
      aria-label="Needs attention"
      role="status"
      className={
        calm
          ? "rounded-xl border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm font-medium text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100"
          : "rounded-xl border border-red-300 bg-red-50 px-4 py-3 text-sm font-semibold text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
      }
    >
      {calm ? "Every provider up, every key serving." : `Needs a person: ${attention.words}.`}
    </section>
  );
}
