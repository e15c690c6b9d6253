import { BreakerNoteSchema } from "@/lib/admin/credentials/credential-schemas";

/**
 * `{note}` for closing or forcing open a provider's own breaker: the same rule as a
 * credential's (a person says why, and it lands in the audit trail).
 */
export const ProviderBreakerNoteSchema = BreakerNoteSchema;
