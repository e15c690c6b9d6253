import { describe, expect, it } from "vitest";
import { apiErrorFromDatabase, classifyDatabaseError, databaseErrorLine } from "./database-error";

/** Shapes recorded from pg 8 and Prisma 7 with @prisma/adapter-pg against Postgres 17. */
const prismaNul = {
  name: "PrismaClientKnownRequestError",
  code: "P2010",
  meta: {
    driverAdapterError: {
      name: "DriverAdapterError",
      cause: {
        originalCode: "22021",
        kind: "postgres",
        code: "22021",
        message: 'invalid byte sequence for encoding "UTF8": 0x00',
      },
    },
  },
};
const prismaBadInt = {
  name: "PrismaClientKnownRequestError",
  code: "P2010",
  meta: { driverAdapterError: { cause: { originalCode: "22P02", kind: "InvalidInputValue" } } },
};
const prismaUnreachable = {
  name: "PrismaClientKnownRequestError",
  code: "P2010",
  meta: {
    driverAdapterError: { cause: { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 1 } },
  },
};
const pgRefused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), {
  code: "ECONNREFUSED",
});
const pgTimeout = new Error("timeout exceeded when trying to connect");
const pgQueryTimeout = new Error("Query read timeout");
const pgFk = Object.assign(
  new Error('insert or update on table "UsageRecord" violates foreign key constraint'),
  { code: "23503" },
);
const pgAdminShutdown = Object.assign(
  new Error("terminating connection due to administrator command"),
  { code: "57P01" },
);

describe("classifyDatabaseError", () => {
  it.each([
    ["a NUL byte through Prisma", prismaNul, "bad_input"],
    ["bad integer text through Prisma", prismaBadInt, "bad_input"],
    ["unreachable through Prisma", prismaUnreachable, "unavailable"],
    ["connection refused through pg", pgRefused, "unavailable"],
    ["connect timeout through pg", pgTimeout, "unavailable"],
    ["query timeout through pg", pgQueryTimeout, "unavailable"],
    ["admin shutdown", pgAdminShutdown, "unavailable"],
    ["foreign key", pgFk, "constraint"],
    ["a plain bug", new TypeError("x is undefined"), "other"],
  ])("%s", (_label, err, kind) => {
    expect(classifyDatabaseError(err)).toBe(kind);
  });

  it("answers 400 for values Postgres cannot store and 503 with Retry-After while it is away, never quoting it", () => {
    expect(apiErrorFromDatabase(prismaNul)).toMatchObject({
      status: 400,
      code: "invalid_request_error",
    });
    const away = apiErrorFromDatabase(pgRefused)!;
    expect(away).toMatchObject({ status: 503, code: "service_unavailable" });
    expect(away.headers["retry-after"]).toBe("2");
    expect(away.message).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
    expect(apiErrorFromDatabase(new TypeError("bug"))).toBeNull();
  });
});

describe("databaseErrorLine", () => {
  it("keeps the cause of a multi-line Prisma message, bounded", () => {
    const prisma = new Error(
      "\nInvalid `prisma.$executeRaw()` invocation:\n\n\nRaw query failed. Code: `57P03`. Message: `the database system is shutting down`",
    );
    expect(databaseErrorLine(prisma)).toBe(
      "Raw query failed. Code: `57P03`. Message: `the database system is shutting down`",
    );
    expect(databaseErrorLine(new Error("x".repeat(500)))).toHaveLength(200);
  });
});
