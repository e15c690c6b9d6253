import { ApiError } from "@/lib/errors";
import type { Catalog, CatalogCredential } from "@/lib/gateway/catalog";
import { sanitizeMessage } from "@/lib/gateway/errors/classify-upstream-error";
import type { ErrorClass, UpstreamFailure } from "@/lib/gateway/errors/error-class";
import type { GatewayDeps } from "@/lib/gateway/gateway-deps";
import { cheapestDeployment, sendMinimalCall } from "@/lib/gateway/minimal-call";

/** What one verification found. `status` is the upstream HTTP status (null: no answer, or nothing to ask). */
export interface CredentialVerification {
  passed: boolean;
  status: number | null;
  errorClass: ErrorClass | null;
  /** The provider's message (or ours), with anything key-like removed. */
  message: string;
  /** The deployment asked, `provider/model`; null when the provider has none. */
  model: string | null;
  /** The classified failure, for the breaker; null on a 2xx. */
  failure: UpstreamFailure | null;
}

export const VERIFY_TIMEOUT_MS = 10_000;

/**
 * Asks the provider once, with this credential, whether it would serve: one user token
 * and `max_tokens: 1` to the provider's cheapest deployment, within `timeoutMs`. Goes
 * around the breakers (a person wants the key's answer, whatever its breaker says) and
 * the meter (no tenant asked). A 2xx or a rate limit passes (the key works, it is only
 * busy); any other class fails, auth and billing above all. Throws ApiError `not_found`
 * when the credential is not in the catalogue (unknown or disabled).
 */
export async function verifyCredential(
  deps: Pick<GatewayDeps, "catalog" | "adapters" | "upstream">,
  credentialId: string,
  timeoutMs = VERIFY_TIMEOUT_MS,
): Promise<CredentialVerification> {
  const catalog = deps.catalog();
  const credential = findCredential(catalog, credentialId);
  if (!credential)
    throw new ApiError("not_found", `No enabled credential with id '${credentialId}'.`);
  const provider = catalog.providers.get(credential.providerId);
  const cheapest = cheapestDeployment(catalog, credential.providerId);
  if (!provider || !cheapest) {
    return {
      passed: false,
      status: null,
      errorClass: null,
      message: `Provider '${credential.providerId}' has no deployment to verify against.`,
      model: null,
      failure: null,
    };
  }
  const { failure, status } = await sendMinimalCall(
    deps,
    provider,
    credential,
    cheapest,
    timeoutMs,
  );
  return {
    passed: failure === null || failure.errorClass === "rate_limit",
    status,
    errorClass: failure?.errorClass ?? null,
    message: redact(
      failure ? (failure.message ?? describe(failure)) : "The provider answered.",
      credential.apiKey,
    ),
    model: cheapest.publicName,
    failure,
  };
}

function findCredential(catalog: Catalog, id: string): CatalogCredential | undefined {
  for (const list of catalog.credentialsByProvider.values()) {
    const found = list.find((c) => c.id === id);
    if (found) return found;
  }
  return undefined;
}

function describe(f: UpstreamFailure): string {
  return `${f.errorClass}${f.httpStatus ? ` (HTTP ${f.httpStatus})` : ""}${f.code ? `: ${f.code}` : ""}`;
}

/** The classifier already removes key-like text; the key itself goes too, whatever its shape. */
function redact(message: string, apiKey: string): string {
  const cleaned = sanitizeMessage(message);
  return apiKey.length >= 4 ? cleaned.split(apiKey).join("[redacted]") : cleaned;
}
