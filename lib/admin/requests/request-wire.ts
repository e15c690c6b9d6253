import type { WireOf } from "@/lib/admin/wire";
import type { listRequests } from "./list-requests";

/** `GET /api/admin/requests`: one page of the request log as the dashboard receives it. */
export type RequestLogWire = WireOf<typeof listRequests>;
/** One request: metadata only (never a prompt or a completion). */
export type RequestRowWire = RequestLogWire["data"][number];
