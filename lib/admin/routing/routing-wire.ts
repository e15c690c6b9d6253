import type { WireOf } from "@/lib/admin/wire";
import type { previewRouting } from "./preview-routing";

/** `GET /api/admin/routing/preview`: the routing preview as the dashboard receives it. */
export type RoutingPreviewWire = WireOf<typeof previewRouting>;
/** One (deployment, credential) candidate of the preview. */
export type PreviewCandidateWire = RoutingPreviewWire["candidates"][number];
