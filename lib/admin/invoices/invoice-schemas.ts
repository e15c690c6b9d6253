import { z } from "zod";

/** Admin API input shapes for invoices. A period is a calendar month in UTC. */
const id = z.string().min(1).max(200);
const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a month as YYYY-MM (UTC)");

export const InvoicesQuerySchema = z.strictObject({
  tenantId: id.optional(),
  period: period.optional(),
  status: z.enum(["draft", "issued", "paid", "void"]).optional(),
});

export const InvoiceGenerateSchema = z.strictObject({
  period,
  tenantId: id.optional(),
});

export const InvoiceGetQuerySchema = z.strictObject({
  format: z.enum(["json", "csv"]).optional(),
});
