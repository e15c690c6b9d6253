import type { SecretBox } from "@/lib/crypto/secret-box";
import { sha256Hex } from "@/lib/crypto/sha256";
import { getPrisma } from "@/lib/db";
import { ApiError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/admin/audit/record-audit-event";
import { quoteInput } from "@/lib/http/quote-input";

/**
 * Stores a provider key sealed with the instance key, audited; the catalogue must be
 * reloaded to use it. Returns `{id, provider, label, last4, state: "closed"}`.
 * Throws ApiError `invalid_request_error` (unknown provider) or `conflict` (key already stored).
 */
export async function insertCredential({
  providerId,
  key,
  label,
  box,
  actor,
}: {
  providerId: string;
  key: string;
  label?: string;
  box: SecretBox;
  actor: string;
}) {
  const prisma = getPrisma();
  if (!(await prisma.provider.findUnique({ where: { id: providerId } }))) {
    throw new ApiError("invalid_request_error", `Unknown provider ${quoteInput(providerId)}.`, {
      param: "provider",
    });
  }
  const fingerprint = sha256Hex(key);
  if (
    await prisma.credential.findUnique({
      where: { providerId_fingerprint: { providerId, fingerprint } },
    })
  ) {
    throw new ApiError("conflict", "This key is already configured for that provider.", {
      param: "key",
    });
  }
  const count = await prisma.credential.count({ where: { providerId } });
  const created = await prisma.$transaction(async (tx) => {
    const row = await tx.credential.create({
      data: {
        providerId,
        label: label ?? `${providerId}-admin-${count + 1}`,
        source: "admin",
        encryptedKey: box.seal(key),
        last4: key.slice(-4),
        fingerprint,
      },
    });
    await recordAuditEvent(
      {
        actor,
        action: "credential.added",
        targetType: "credential",
        targetId: row.id,
        details: { provider: providerId, label: row.label, last4: row.last4 },
      },
      tx,
    );
    return row;
  });
  return {
    id: created.id,
    provider: created.providerId,
    label: created.label,
    last4: created.last4,
    state: "closed" as const,
  };
}
