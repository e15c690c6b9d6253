/**
 * What other integration tests rely on: the globalSetup hands every test file a
 * throw-away, fully migrated database in DATABASE_URL.
 */
import { describe, expect, it } from "vitest";
import { pendingMigrations } from "../../lib/database/migrate";

describe("integration test database", () => {
  it("is in DATABASE_URL, throw-away and migrated", async () => {
    const url = process.env.DATABASE_URL;
    expect(url, "tests/support/global-setup.ts did not set DATABASE_URL").toBeTruthy();
    expect(new URL(url ?? "").pathname).toMatch(/^\/gw_test_/);
    expect(await pendingMigrations(url ?? "")).toEqual([]);
  });
});
