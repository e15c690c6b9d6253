/**
 * Money typed by a person in dollars, to the integer micro-dollars the admin API takes,
 * and back. Kept apart from validation: a value that is not a number comes back as NaN,
 * so the API's own schema refuses it with the API's own words.
 */

/**
 * `"2.19"` -> 2_190_000. Empty (after trimming) -> `empty` (null: "none", undefined:
 * "leave as it is"). Rounded to the micro-dollar; NaN for text that is not a number.
 */
export function dollarsToMicros<E extends null | undefined>(text: string, empty: E): number | E {
  const trimmed = text.trim();
  if (trimmed === "") return empty;
  return Math.round(Number(trimmed) * 1_000_000);
}

/** 2_190_000 -> `"2.19"`; null or undefined -> `""` (an empty field). Exact to the micro-dollar. */
export function microsToDollars(micros: number | string | null | undefined): string {
  if (micros === null || micros === undefined) return "";
  const n = Number(micros);
  const sign = n < 0 ? "-" : "";
  const abs = Math.abs(n);
  const whole = Math.floor(abs / 1_000_000);
  const fraction = String(abs % 1_000_000)
    .padStart(6, "0")
    .replace(/0+$/, "");
  return `${sign}${whole}${fraction ? `.${fraction}` : ""}`;
}

/**
 * A price per 1M tokens for reading: dollars with at least two decimals and every
 * further digit the micro-dollars hold (14,000 -> `$0.014`, 3,000,000 -> `$3.00`), since
 * list prices such as DeepSeek's cached input are fractions of a cent.
 */
export function formatPricePer1M(micros: number | string | null | undefined): string {
  if (micros === null || micros === undefined) return "—";
  const [whole, fraction = ""] = microsToDollars(micros).split(".");
  const sign = whole!.startsWith("-") ? "-" : "";
  const digits = Number(whole!.replace("-", "")).toLocaleString("en-US");
  return `${sign}$${digits}.${fraction.padEnd(2, "0")}`;
}
