import { z } from "zod";

/** Admin API input shapes for deployment prices (the deployments themselves: lib/admin/deployments). */

/** Micro-dollars per 1M tokens; a trillion ($1M per 1M tokens) is beyond any real price. */
export const pricePer1MMicros = z
  .number()
  .int("must be a whole number of micro-dollars per 1M tokens")
  .nonnegative("must be 0 or more (micro-dollars per 1M tokens)")
  .max(1_000_000_000_000, "must be at most 1,000,000,000,000 micro-dollars ($1M) per 1M tokens");

/** `GET /api/admin/prices?kind=chat|embedding`: one kind of deployment; absent: every one. */
export const PriceListQuerySchema = z.object({
  kind: z.enum(["chat", "embedding"]).optional(),
});

export type PriceListQuery = z.output<typeof PriceListQuerySchema>;

/** One deployment's new prices, named by `deploymentId` or `model` (`provider/model`). */
export const PriceChangeSchema = z
  .strictObject({
    deploymentId: z.string().min(1).max(200).optional(),
    model: z.string().min(3).max(300).optional(),
    inputPricePer1MMicros: pricePer1MMicros.optional(),
    outputPricePer1MMicros: pricePer1MMicros.optional(),
    cachedInputPricePer1MMicros: pricePer1MMicros.nullable().optional(),
    cacheWritePricePer1MMicros: pricePer1MMicros.nullable().optional(),
    /** null: bill the plan's overage price. */
    billedPricePer1MMicros: pricePer1MMicros.nullable().optional(),
  })
  .refine((c) => c.deploymentId !== undefined || c.model !== undefined, {
    message: "Name the deployment: 'deploymentId' or 'model' (provider/model).",
  });

export type PriceChange = z.output<typeof PriceChangeSchema>;

/** `PUT /api/admin/prices`: one change, or `{prices: [...]}` for several at once. */
export const PricesUpdateSchema = z.union([
  z.strictObject({ prices: z.array(PriceChangeSchema).min(1).max(500) }),
  PriceChangeSchema.transform((c) => ({ prices: [c] })),
]);
