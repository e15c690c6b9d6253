import type { WireOf } from "@/lib/admin/wire";
import type { addCredential } from "./add-credential";
import type { authFailureTimeline } from "./auth-failure-timeline";
import type { closeBreaker } from "./close-breaker";
import type { forceOpenBreaker } from "./force-open-breaker";
import type { listAuthFailures } from "./list-auth-failures";
import type { listBreakerEvents } from "./list-breaker-events";
import type { listCredentials } from "./list-credentials";
import type { verifyCredential } from "./verify-credential";

/** The answers of the credentials and breakers admin API, as the dashboard receives them. */

/** One row of `GET /api/admin/credentials` (`{data: [...]}`). */
export type CredentialWire = WireOf<typeof listCredentials>[number];
export type CredentialListWire = { data: CredentialWire[] };

/** `GET /api/admin/credentials/{id}/history` (`{data: [...]}`), newest first. */
export type BreakerEventWire = WireOf<typeof listBreakerEvents>[number];
export type BreakerHistoryWire = { data: BreakerEventWire[] };

/** `POST /api/admin/credentials`: the key as stored, with its first verification. */
export type AddedCredentialWire = WireOf<typeof addCredential>;
/** `POST /api/admin/credentials/{id}/close`. */
export type ClosedBreakerWire = WireOf<typeof closeBreaker>;
/** `POST /api/admin/credentials/{id}/open`. */
export type ForcedOpenBreakerWire = WireOf<typeof forceOpenBreaker>;
/** `POST /api/admin/credentials/{id}/verify`: what the provider answered, and the breaker after. */
export type VerificationWire = WireOf<typeof verifyCredential>;

/** `GET /api/admin/auth-failures`: the newest 401/403 events and the breaker transitions. */
export type AuthFailuresWire = WireOf<typeof listAuthFailures>;
/** `GET /api/admin/auth-failures/timeline`: counts per bucket, with the transitions. */
export type AuthFailureTimelineWire = WireOf<typeof authFailureTimeline>;
