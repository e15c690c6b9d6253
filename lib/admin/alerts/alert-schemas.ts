import { z } from "zod";

/** GET /api/admin/alerts: how many of the newest alerts (1-500, 100 when not given). */
export const AlertsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
