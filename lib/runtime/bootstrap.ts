import { ensureAdminApiKey, ensureAdminUser } from "@/lib/auth/admin-credentials";
import { SecretBox } from "@/lib/crypto/secret-box";
import { resolveDatabaseUrl, type ResolvedDatabase } from "@/lib/database/resolve-database-url";
import { applyMigrations } from "@/lib/database/migrate";
import { SEED_LOCK_KEY, withAdvisoryLock } from "@/lib/database/with-advisory-lock";
import { env } from "@/lib/env";
import { startSimulator, type Simulator } from "@/lib/simulator";
import { log } from "@/lib/log";
import { loadInstanceSecrets } from "./instance-secrets";
import { simulatedModeFromEnv } from "./provider-endpoints";
import { SIMULATOR_URL_ENV } from "./gateway-runtime";
import { seedDefaults } from "@/lib/catalog/seed-defaults";
import { ensureSimulatedCredentials, syncEnvCredentials } from "./sync-env-credentials";

export interface Bootstrapped {
  database: ResolvedDatabase;
  simulator: Simulator | undefined;
  simulated: boolean;
  envCredentials: number;
  /** Secrets generated on this start, to be shown once and never again. */
  firstRun: { adminApiKey?: string; adminEmail?: string; adminPassword?: string };
}

/**
 * Everything a start needs before serving: the database (embedded when DATABASE_URL
 * is unset), migrations, secrets, default catalogue, admin credentials, provider keys
 * from the environment, and the simulator in demo mode. Safe to run on every start.
 */
export async function bootstrap(): Promise<Bootstrapped> {
  const config = env();
  const logger = log();
  const database = await resolveDatabaseUrl({ databaseUrl: config.DATABASE_URL, dataDir: config.GATEWAY_DATA_DIR, log: (m) => logger.info(m) });
  process.env.DATABASE_URL = database.url;
  const { applied } = await applyMigrations(database.url);
  if (applied.length > 0) logger.info({ migrations: applied }, "database migrated");

  const box = new SecretBox(loadInstanceSecrets(config.GATEWAY_DATA_DIR, config).encryptionKey);
  const simulated = simulatedModeFromEnv(process.env);
  // Instances starting together take turns: every step below creates rows if missing.
  const { adminKey, adminUser, envCredentials } = await withAdvisoryLock(database.url, SEED_LOCK_KEY, async () => {
    await seedDefaults();
    const seeded = {
      adminKey: await ensureAdminApiKey(config.ADMIN_API_KEY),
      adminUser: await ensureAdminUser(config.ADMIN_EMAIL, config.ADMIN_PASSWORD),
      envCredentials: await syncEnvCredentials(box, process.env),
    };
    if (simulated) await ensureSimulatedCredentials(box);
    return seeded;
  });

  let simulator: Simulator | undefined;
  if (simulated) {
    simulator = await startSimulator();
    process.env[SIMULATOR_URL_ENV] = simulator.url;
  }
  return {
    database,
    simulator,
    simulated,
    envCredentials,
    firstRun: { adminApiKey: adminKey.generated, adminEmail: adminUser.email, adminPassword: adminUser.generatedPassword },
  };
}
