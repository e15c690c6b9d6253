import { z } from "zod";

/** Admin API input shapes for deployment prices and for taking a deployment out of routing. */

/** `GET /api/admin/prices?kind=chat|embedding`: one kind of deployment; absent: every one. */
export const PriceListQuerySchema = z.object({
  kind: z.enum(["chat", "embedding"]).optional(),
});

export type PriceListQuery = z.output<typeof PriceListQuerySchema>;

// Micro-dollars per 1M tokens; a trillion ($1M per 1M tokens) is beyond any real price.
const price = z.number().int().nonnegative().max(1_000_000_000_000);

/** One deployment's new prices, named by `deploymentId` or `model` (`provider/model`). */
export const PriceChangeSchema = z
  .strictObject({
    deploymentId: z.string().min(1).max(200).optional(),
    model: z.string().min(3).max(300).optional(),
    inputPricePer1MMicros: price.optional(),
    outputPricePer1MMicros: price.optional(),
    cachedInputPricePer1MMicros: price.nullable().optional(),
    cacheWritePricePer1MMicros: price.nullable().optional(),
    /** null: bill the plan's overage price. */
    billedPricePer1MMicros: price.nullable().optional(),
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

/** `PATCH /api/admin/deployments/{id}`: in or out of routing. */
export const DeploymentUpdateSchema = z.strictObject({ enabled: z.boolean() });
