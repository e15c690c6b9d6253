import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Every migration must also apply under `prisma migrate deploy`, whose engine splits a
 * script into statements itself and runs them one by one: a `;` or a quote inside a
 * comment cuts a statement in two, and a temporary table made `ON COMMIT DROP` is gone
 * before the next statement reads it.
 */
const MIGRATIONS = path.resolve(import.meta.dirname, "../../prisma/migrations");

const scripts = readdirSync(MIGRATIONS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => [d.name, readFileSync(path.join(MIGRATIONS, d.name, "migration.sql"), "utf8")]);

describe("migration scripts", () => {
  it.each(scripts)("%s splits cleanly into statements", (_name, sql) => {
    const commentsWithBreakers = sql
      .split("\n")
      .map((line) => /--(.*)$/.exec(line)?.[1] ?? "")
      .filter((comment) => /[;'"]/.test(comment));
    expect(commentsWithBreakers).toEqual([]);
    expect(sql).not.toMatch(/ON COMMIT DROP/i);
  });
});
