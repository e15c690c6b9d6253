import { z } from "zod";

/**
 * `GET /api/admin/routing/preview`: the model name to route, the kind of request (`chat`,
 * the default, or `embedding`: which deployments may answer) and, optionally, what a chat
 * request would ask for (tools, images, `response_format` json_schema, `n` choices) and
 * the models a key is limited to (comma-separated; none: every model).
 */
export const RoutingPreviewQuerySchema = z.object({
  model: z.string().trim().min(1).max(300).default("auto"),
  kind: z.enum(["chat", "embedding"]).default("chat"),
  tools: z.stringbool().optional(),
  images: z.stringbool().optional(),
  jsonSchema: z.stringbool().optional(),
  n: z.coerce.number().int().min(1).max(128).optional(),
  allowedModels: z
    .string()
    .max(2_000)
    .transform((s) =>
      s
        .split(",")
        .map((m) => m.trim())
        .filter(Boolean),
    )
    .optional(),
});

export type RoutingPreviewQuery = z.output<typeof RoutingPreviewQuerySchema>;
