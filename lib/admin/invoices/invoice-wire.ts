import type { WireOf } from "../wire";
import type { generateInvoices } from "./generate-invoices";
import type { getInvoice } from "./get-invoice";
import type { issueInvoice } from "./issue-invoice";
import type { listInvoices } from "./list-invoices";
import type { settleInvoice } from "./settle-invoice";

/** GET /api/admin/invoices: invoices with their lines, newest period first. */
export type InvoiceListWire = WireOf<typeof listInvoices>;
/** GET /api/admin/invoices/{id} as JSON (the CSV form is a download, not typed here). */
export type InvoiceWire = WireOf<typeof getInvoice>;
/** One line of an invoice: `fee`, `overage`, `rounding` add up to the total; `info` is a breakdown. */
export type InvoiceLineWire = InvoiceWire["lines"][number];
/** POST /api/admin/invoices/generate: the month's drafts (and any already issued). */
export type GeneratedInvoicesWire = WireOf<typeof generateInvoices>;
/** POST /api/admin/invoices/{id}/issue. */
export type IssuedInvoiceWire = WireOf<typeof issueInvoice>;
/** POST /api/admin/invoices/{id}/pay and .../void. */
export type SettledInvoiceWire = WireOf<typeof settleInvoice>;
