import { hash as argon2Hash } from "@node-rs/argon2";
import { randomBytes } from "node:crypto";
import { sha256Hex } from "@/lib/crypto/sha256";
import { getPrisma } from "@/lib/db";

export const ADMIN_KEY_SETTING = "admin_api_key_sha256";
export const ADMIN_KEY_PREFIX = "gwadmin-";


/**
 * The admin API key: ADMIN_API_KEY when set, otherwise generated at first start.
 * Only its SHA-256 is stored; the plaintext is returned once, to be printed once.
 */
export async function ensureAdminApiKey(fromEnv: string | undefined): Promise<{ generated?: string }> {
  const prisma = getPrisma();
  if (fromEnv) {
    await prisma.setting.upsert({ where: { key: ADMIN_KEY_SETTING }, create: { key: ADMIN_KEY_SETTING, value: sha256Hex(fromEnv) }, update: { value: sha256Hex(fromEnv) } });
    return {};
  }
  const existing = await prisma.setting.findUnique({ where: { key: ADMIN_KEY_SETTING } });
  if (existing) return {};
  const generated = ADMIN_KEY_PREFIX + randomBytes(32).toString("base64url");
  await prisma.setting.create({ data: { key: ADMIN_KEY_SETTING, value: sha256Hex(generated) } });
  return { generated };
}

/**
 * The first dashboard user: ADMIN_EMAIL/ADMIN_PASSWORD when set (kept in step on
 * every start), otherwise generated once with the password returned to be printed once.
 */
export async function ensureAdminUser(email: string | undefined, password: string | undefined): Promise<{ email?: string; generatedPassword?: string }> {
  const prisma = getPrisma();
  if (email && password) {
    const passwordHash = await argon2Hash(password);
    await prisma.adminUser.upsert({ where: { email }, create: { email, passwordHash }, update: { passwordHash } });
    return {};
  }
  if ((await prisma.adminUser.count()) > 0) return {};
  const firstEmail = email ?? "admin@localhost";
  const generatedPassword = randomBytes(18).toString("base64url");
  await prisma.adminUser.create({ data: { email: firstEmail, passwordHash: await argon2Hash(generatedPassword) } });
  return { email: firstEmail, generatedPassword };
}
