/** A CSV cell: text, a number, or empty. */
export type CsvCell = string | number | null | undefined;

// A plain decimal number written as text (e.g. "-0.000005" from microsToDecimal): a
// spreadsheet reads it as the number it is, and nothing in it can be a formula.
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
// What makes a spreadsheet treat a cell as a formula (OWASP "CSV Injection"): these
// characters at its start, tab and carriage return included.
const FORMULA_LEAD = /^[=+\-@\t\r]/;

/**
 * One cell as written: text that a spreadsheet would run as a formula gets a leading
 * `'` (OWASP's neutralisation; the sheet then shows the text, not a result); numbers,
 * and text that is a plain decimal number, stay numbers. Fields holding a comma, quote
 * or line break are quoted (RFC 4180).
 */
export function csvField(v: CsvCell): string {
  if (v === null || v === undefined) return "";
  let s = String(v);
  if (typeof v === "string" && FORMULA_LEAD.test(s) && !PLAIN_NUMBER.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The one CSV writer of every export (the browser's Spend download and the server's
 * invoice CSV): RFC 4180, CRLF line ends, a header row then one row per entry, each
 * cell through {@link csvField}.
 */
export function toCsv(header: string[], rows: CsvCell[][]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/** Micro-dollars as a plain decimal dollar amount for spreadsheets (exact: six decimals). */
export function microsToDecimal(micros: number): string {
  const sign = micros < 0 ? "-" : "";
  const abs = Math.abs(Math.trunc(micros));
  return `${sign}${Math.floor(abs / 1_000_000)}.${String(abs % 1_000_000).padStart(6, "0")}`;
}
