import type { WireOf } from "@/lib/admin/wire";
import type { listProviders } from "./list-providers";
import type { setProviderBreaker } from "./set-provider-breaker";

/** `GET /api/admin/providers`: each provider's own breaker above its credentials, and what needs a person. */
export type ProviderListWire = WireOf<typeof listProviders>;
/** One provider of that list. */
export type ProviderWire = ProviderListWire["data"][number];
/** `POST /api/admin/providers/{id}/close` and `.../open`. */
export type ProviderBreakerWire = WireOf<typeof setProviderBreaker>;
