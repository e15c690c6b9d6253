import { getPrisma } from "@/lib/db";
import { ApiError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/admin/audit/record-audit-event";
import { generateApiKey } from "@/lib/gateway/keys/api-key";
import { announceChange } from "@/lib/runtime/announce-change";
import type { KeyRotate } from "./key-schemas";
import { planRotation } from "./plan-rotation";

/**
 * Gives a key a new secret under the same id, name, limits and usage history, audited.
 * The secret it replaces keeps working for `graceSeconds` (0: stops at once), then
 * answers 401 on every instance; a secret still in the grace of an earlier rotation
 * stops at once, so a key never holds more than two. Every instance admits the new
 * secret before this answers. Returns `{id, key, prefix, previousPrefix,
 * previousEndsAt}`: the plaintext `key` is in this return value and nowhere else.
 * @throws ApiError `not_found` for an unknown key, `conflict` for a revoked one (or one
 *   rotated or revoked by someone else meanwhile)
 */
export async function rotateApiKey({
  id,
  input,
  actor,
}: {
  id: string;
  input: KeyRotate;
  actor: string;
}) {
  const prisma = getPrisma();
  const key = await prisma.apiKey.findUnique({ where: { id } });
  if (!key) throw new ApiError("not_found", `No API key with id '${id}'.`);
  if (key.revokedAt) throw revoked(id);
  const now = new Date();
  const plan = planRotation({
    now: now.getTime(),
    graceSeconds: input.graceSeconds,
    previous: key.previousHash
      ? {
          hash: key.previousHash,
          prefix: key.previousPrefix ?? "",
          endsAt: key.previousEndsAt?.getTime() ?? null,
        }
      : null,
  });
  const previousEndsAt = new Date(plan.previousEndsAt);
  const issued = generateApiKey();
  await prisma.$transaction(async (tx) => {
    // Only over the secret read above: of two rotations at once, or a rotation and a
    // revocation, the first wins and this one is refused rather than losing a secret.
    const { count } = await tx.apiKey.updateMany({
      where: { id, hash: key.hash, revokedAt: null },
      data: {
        hash: issued.hash,
        prefix: issued.prefix,
        previousHash: key.hash,
        previousPrefix: key.prefix,
        previousEndsAt,
        rotatedAt: now,
      },
    });
    if (count === 0) {
      const current = await tx.apiKey.findUnique({ where: { id }, select: { revokedAt: true } });
      if (!current || current.revokedAt) throw revoked(id);
      throw new ApiError(
        "conflict",
        `API key '${id}' was rotated by someone else meanwhile; read it again before rotating.`,
      );
    }
    await recordAuditEvent(
      {
        actor,
        action: "key.rotated",
        targetType: "api_key",
        targetId: id,
        details: {
          tenantId: key.tenantId,
          prefix: issued.prefix,
          previousPrefix: key.prefix,
          graceSeconds: input.graceSeconds,
          previousEndsAt: previousEndsAt.toISOString(),
          endedPrefix: plan.ended?.prefix ?? null,
        },
      },
      tx,
    );
  });
  // Before answering: the new secret must work on every instance as soon as the caller
  // has it, and this instance must stop the replaced one on time without asking Postgres.
  await announceChange({
    type: "key_rotated",
    hash: issued.hash,
    previousHash: key.hash,
    previousEndsAt: plan.previousEndsAt,
    endedHash: plan.ended?.hash ?? null,
  });
  return {
    id,
    key: issued.key,
    prefix: issued.prefix,
    previousPrefix: key.prefix,
    previousEndsAt,
  };
}

function revoked(id: string): ApiError {
  return new ApiError(
    "conflict",
    `API key '${id}' is revoked and cannot be rotated; issue a new key instead.`,
  );
}
