import { ensureAdminApiKey, ensureAdminUser } from "@/lib/auth/admin-credentials";
import type { Config } from "@/lib/config";
import { SecretBox } from "@/lib/crypto/secret-box";
import { resolveDatabaseUrl, type ResolvedDatabase } from "@/lib/database/resolve-database-url";
import { applyMigrations } from "@/lib/database/migrate";
import { SEED_LOCK_KEY, withAdvisoryLock } from "@/lib/database/with-advisory-lock";
import { setDatabaseTimeouts, setDatabaseUrl } from "@/lib/db";
import { startSimulator, type Simulator } from "@/lib/simulator";
import { log, setLogLevel } from "@/lib/log";
import { loadInstanceSecrets, type InstanceSecrets } from "./instance-secrets";
import { seedDefaults } from "@/lib/catalog/seed-defaults";
import {
  ensureSimulatedCredentials,
  retireSimulatedCredentials,
  syncEnvCredentials,
} from "./sync-env-credentials";

/** What the runtime needs from the start: handed to createRuntime, never through `process.env`. */
export interface GatewayContext {
  config: Config;
  /** The Postgres in use: DATABASE_URL, or the embedded one started for this process. */
  databaseUrl: string;
  /** The built-in simulator's origin when providers are simulated (config.simulated). */
  simulatorUrl: string | undefined;
  /** AUTH_SECRET and GATEWAY_ENCRYPTION_KEY, from the configuration or the data directory. */
  secrets: InstanceSecrets;
}

export interface Bootstrapped {
  context: GatewayContext;
  database: ResolvedDatabase;
  simulator: Simulator | undefined;
  envCredentials: number;
}

/**
 * Everything a start needs before serving: the database (embedded when DATABASE_URL
 * is unset), migrations, secrets, default catalogue, admin credentials given in the
 * configuration, provider keys from it, and the simulator in demo mode. Safe to run on
 * every start. Generated admin credentials come later, once the server listens.
 */
export async function bootstrap(config: Config): Promise<Bootstrapped> {
  setLogLevel(config.LOG_LEVEL);
  const logger = log();
  const database = await resolveDatabaseUrl({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.GATEWAY_DATA_DIR,
    log: (m) => logger.info(m),
  });
  setDatabaseTimeouts({
    connectMs: config.GATEWAY_DB_CONNECT_TIMEOUT_MS,
    statementMs: config.GATEWAY_DB_STATEMENT_TIMEOUT_MS,
  });
  setDatabaseUrl(database.url);
  const { applied } = await applyMigrations(database.url);
  if (applied.length > 0) logger.info({ migrations: applied }, "database migrated");

  const secrets = loadInstanceSecrets(config.GATEWAY_DATA_DIR, config);
  const box = new SecretBox(secrets.encryptionKey);
  // Instances starting together take turns: every step below creates rows if missing.
  const { envCredentials } = await withAdvisoryLock(database.url, SEED_LOCK_KEY, async () => {
    await seedDefaults();
    // Credentials from the configuration apply now; generated ones wait until the server
    // listens (lib/runtime/first-run-secrets.ts), so a start that fails loses none.
    if (config.ADMIN_API_KEY) await ensureAdminApiKey(config.ADMIN_API_KEY);
    if (config.ADMIN_PASSWORD) await ensureAdminUser(config.ADMIN_EMAIL, config.ADMIN_PASSWORD);
    const seeded = { envCredentials: await syncEnvCredentials(box, config.providers) };
    if (config.simulated) await ensureSimulatedCredentials(box);
    else await retireSimulatedCredentials();
    return seeded;
  });

  // A fixed port lets a test or the chaos script reach the simulator's /_sim/ control; 0 picks a free one.
  const simulator = config.simulated
    ? await startSimulator({ port: config.GATEWAY_SIMULATOR_PORT })
    : undefined;
  return {
    context: { config, databaseUrl: database.url, simulatorUrl: simulator?.url, secrets },
    database,
    simulator,
    envCredentials,
  };
}
