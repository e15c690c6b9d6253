import { issueApiKey as insertApiKey } from "@/lib/data/keys/issue-api-key";
import { generateApiKey } from "@/lib/gateway/keys/api-key";
import type { KeyCreate } from "@/lib/tenants/tenant-schemas";

/**
 * Issues a tenant API key. Returns `{id, key, prefix, name, tenantId, allowedModels,
 * expiresAt, createdAt}`: the plaintext `key` is shown here and never again.
 * Throws ApiError `not_found` for an unknown or deleted tenant.
 */
export async function issueApiKey({
  tenantId,
  input,
  actor,
}: {
  tenantId: string;
  input: KeyCreate;
  actor: string;
}) {
  return insertApiKey({ tenantId, input, actor, issued: generateApiKey() });
}
