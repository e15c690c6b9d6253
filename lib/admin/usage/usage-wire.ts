import type { WireOf } from "@/lib/admin/wire";
import type { reportUsage } from "./report-usage";

/** `GET /api/admin/usage`: the spend report as the dashboard receives it. */
export type UsageReportWire = WireOf<typeof reportUsage>;
/** One group of the report (money in micro-dollars). */
export type UsageGroupWire = UsageReportWire["data"][number];
