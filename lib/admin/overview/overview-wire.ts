import type { WireOf } from "@/lib/admin/wire";
import type { getOverview } from "./get-overview";

/** `GET /api/admin/overview`: the overview page's data as the dashboard receives it. */
export type OverviewWire = WireOf<typeof getOverview>;
