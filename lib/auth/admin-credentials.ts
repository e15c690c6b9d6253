import { hash as argon2Hash, verify as argon2Verify } from "@node-rs/argon2";
import { randomBytes } from "node:crypto";
import { sha256Hex } from "@/lib/crypto/sha256";
import { getPrisma } from "@/lib/db";
import { log } from "@/lib/log";

export const ADMIN_KEY_SETTING = "admin_api_key_sha256";
export const ADMIN_KEY_PREFIX = "gwadmin-";

/**
 * The admin API key: ADMIN_API_KEY when set, otherwise generated at first start.
 * Only its SHA-256 is stored; the plaintext is returned once, to be printed once.
 * ADMIN_API_KEY replacing a different stored key is logged (never the key), so an
 * operator can tell when the old key stopped working and why.
 */
export async function ensureAdminApiKey(
  fromEnv: string | undefined,
): Promise<{ generated?: string; replaced?: boolean }> {
  const prisma = getPrisma();
  if (fromEnv) {
    const hash = sha256Hex(fromEnv);
    const existing = await prisma.setting.findUnique({ where: { key: ADMIN_KEY_SETTING } });
    if (existing?.value === hash) return {};
    await prisma.setting.upsert({
      where: { key: ADMIN_KEY_SETTING },
      create: { key: ADMIN_KEY_SETTING, value: hash },
      update: { value: hash },
    });
    if (!existing) return {};
    log().warn(
      { setting: ADMIN_KEY_SETTING },
      "admin API key replaced by ADMIN_API_KEY: the previous admin key no longer works",
    );
    return { replaced: true };
  }
  const existing = await prisma.setting.findUnique({ where: { key: ADMIN_KEY_SETTING } });
  if (existing) return {};
  const generated = ADMIN_KEY_PREFIX + randomBytes(32).toString("base64url");
  await prisma.setting.create({ data: { key: ADMIN_KEY_SETTING, value: sha256Hex(generated) } });
  return { generated };
}

/** The first dashboard user's email when ADMIN_EMAIL is unset. */
export const DEFAULT_ADMIN_EMAIL = "admin@localhost";

/**
 * The first dashboard user: ADMIN_EMAIL/ADMIN_PASSWORD when set (kept in step on
 * every start; ADMIN_PASSWORD alone applies to `admin@localhost`, so an operator who lost
 * the printed password can reset it with one variable), otherwise generated once with
 * the password returned to be printed once.
 */
export async function ensureAdminUser(
  emailFromEnv: string | undefined,
  password: string | undefined,
): Promise<{ email?: string; generatedPassword?: string }> {
  const prisma = getPrisma();
  const email = emailFromEnv ?? (password ? DEFAULT_ADMIN_EMAIL : undefined);
  if (email && password) {
    const existing = await prisma.adminUser.findUnique({
      where: { email },
      select: { passwordHash: true },
    });
    if (existing && (await argon2Verify(existing.passwordHash, password))) return {};
    const passwordHash = await argon2Hash(password);
    // A changed password ends the sessions signed in with the old one.
    await prisma.adminUser.upsert({
      where: { email },
      create: { email, passwordHash },
      update: { passwordHash, sessionVersion: { increment: 1 } },
    });
    if (existing)
      log().warn(
        { email },
        "dashboard password replaced by ADMIN_PASSWORD: sessions signed in before are ended",
      );
    return {};
  }
  if ((await prisma.adminUser.count()) > 0) return {};
  const firstEmail = email ?? DEFAULT_ADMIN_EMAIL;
  const generatedPassword = randomBytes(18).toString("base64url");
  await prisma.adminUser.create({
    data: { email: firstEmail, passwordHash: await argon2Hash(generatedPassword) },
  });
  return { email: firstEmail, generatedPassword };
}
