/**
 * vitest globalSetup of the `integration` project: one migrated, empty database for
 * the whole run. Its URL reaches the test files through process.env.DATABASE_URL
 * (workers start after this and inherit the environment); it is dropped afterwards.
 */
import { applyMigrations } from "../../lib/database/migrate";
import {
  createTestDatabase,
  dropStaleTestDatabases,
  stopTestServer,
  testServer,
} from "./test-database";

export default async function setup(): Promise<() => Promise<void>> {
  const server = await testServer();
  // Test files that create more databases must use the same server, not start
  // another embedded one on the same data directory.
  process.env.TEST_DATABASE_ADMIN_URL = server.adminUrl;
  await dropStaleTestDatabases();

  const db = await createTestDatabase();
  try {
    await applyMigrations(db.url);
  } catch (err) {
    await db.drop();
    await stopTestServer();
    throw err;
  }
  process.env.DATABASE_URL = db.url;

  return async () => {
    await db.drop();
    await stopTestServer();
  };
}
