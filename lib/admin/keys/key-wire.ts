import type { WireOf } from "../wire";
import type { issueApiKey } from "./issue-api-key";
import type { listApiKeys } from "./list-api-keys";
import type { revokeApiKey } from "./revoke-api-key";
import type { rotateApiKey } from "./rotate-api-key";
import type { updateApiKey } from "./update-api-key";

/** GET /api/admin/tenants/{id}/keys: key metadata, never a hash or a plaintext. */
export type ApiKeyListWire = { data: WireOf<typeof listApiKeys> };
/** POST /api/admin/tenants/{id}/keys (201): the only answer that carries the plaintext `key`. */
export type IssuedApiKeyWire = WireOf<typeof issueApiKey>;
/** DELETE /api/admin/keys/{id}. */
export type RevokedApiKeyWire = WireOf<typeof revokeApiKey>;
/** POST /api/admin/keys/{id}/rotate: the new secret's plaintext `key`, shown this once. */
export type RotatedApiKeyWire = WireOf<typeof rotateApiKey>;
/** PATCH /api/admin/keys/{id}. */
export type UpdatedApiKeyWire = WireOf<typeof updateApiKey>;
