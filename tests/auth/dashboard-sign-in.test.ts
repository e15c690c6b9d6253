/**
 * Dashboard sign-in against the migrated test database: argon2 passwords, failures
 * slowed per account, sessions that end when the user is disabled or their password
 * reset, and every user change audited with its actor.
 */
import { decode, encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDashboardUser } from "../../lib/admin/dashboard-users/add-dashboard-user";
import { changeDashboardUser } from "../../lib/admin/dashboard-users/change-dashboard-user";
import { authOptions, authorizeDashboardUser, BAD_CREDENTIALS } from "../../lib/auth/auth-options";
import { sessionFromCookies } from "../../lib/auth/dashboard-session";
import { disconnectPrisma, getPrisma } from "../../lib/db";

const run = Date.now();
const email = `ops-${run}@example.test`;
const password = "correct horse battery staple";
let userId = "";

const SECRET = "test-auth-secret-for-dashboard-sessions-0123456789";
const session = (cookie: string) => sessionFromCookies(cookie, SECRET);

beforeAll(async () => {
  userId = (
    await addDashboardUser({ input: { email, password, name: "Ops" }, actor: "admin@example.test" })
  ).id;
});

afterAll(async () => {
  const prisma = getPrisma();
  await prisma.adminUser.deleteMany({ where: { email: { contains: `-${run}@` } } });
  await prisma.signInThrottle.deleteMany({ where: { key: { contains: `-${run}@` } } });
  await disconnectPrisma();
});

async function cookieFor(
  user: { id: string; sv: number; sid?: string },
  maxAge = 3600,
): Promise<string> {
  const token = await encode({
    token: { sub: user.id, sv: user.sv, sid: user.sid },
    secret: SECRET,
    maxAge,
  });
  return `other=1; next-auth.session-token=${encodeURIComponent(token)}`;
}

const tokenOf = (cookie: string) =>
  decodeURIComponent(/next-auth\.session-token=([^;]+)/.exec(cookie)![1]!);

describe("dashboard sign-in", () => {
  it("admits the right password and names the user; the hash is argon2id, never the password", async () => {
    const user = await authorizeDashboardUser(email.toUpperCase(), password, "10.0.0.1");
    expect(user).toMatchObject({ id: userId, email, sv: 0 });
    const row = await getPrisma().adminUser.findUniqueOrThrow({ where: { id: userId } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.lastSignInAt).not.toBeNull();
  });

  it("slows an account after four failures, even with the right password, and says how long", async () => {
    const target = `victim-${run}@example.test`;
    await addDashboardUser({ input: { email: target, password }, actor: "admin@example.test" });
    for (let i = 0; i < 5; i++)
      await expect(authorizeDashboardUser(target, `guess-${i}`, `10.0.1.${i}`)).rejects.toThrow(
        BAD_CREDENTIALS,
      );
    await expect(authorizeDashboardUser(target, password, "10.0.2.1")).rejects.toThrow(
      /Too many failed sign-ins\. Try again in [12] s\./,
    );
  });

  it("admits only a cookie naming a stored session: sign-out ends it, a copy taken before is refused", async () => {
    const signedIn = await authorizeDashboardUser(email, password, "10.0.4.1", "test agent");
    const cookie = await cookieFor(signedIn);
    expect(await session(cookie)).toEqual({ userId, email, sessionId: signedIn.sid });
    // A cookie without a stored session (as issued before sessions were stored) is refused.
    expect(await session(await cookieFor({ id: userId, sv: 0 }))).toBeNull();
    // Another user's session id under this user's name is refused.
    expect(await session(await cookieFor({ ...signedIn, id: "someone-else" }))).toBeNull();
    const token = await decode({ token: tokenOf(cookie), secret: SECRET });
    await authOptions(SECRET).events!.signOut!({ token: token!, session: undefined as never });
    expect(await session(cookie)).toBeNull();
  });

  it("refuses a session cookie whose percent-escapes do not decode, without throwing", async () => {
    expect(await session("next-auth.session-token=%E0%A4%A")).toBeNull();
    expect(await session("next-auth.session-token=%zz; other=%")).toBeNull();
  });

  it("keeps a session while the user is enabled, ends it on disable and on a password reset", async () => {
    const first = await authorizeDashboardUser(email, password, "10.0.5.1");
    const cookie = await cookieFor(first);
    expect(await session(cookie)).toEqual({ userId, email, sessionId: first.sid });
    expect(await session(await cookieFor(first, -60))).toBeNull();
    expect(await session("next-auth.session-token=not-a-token")).toBeNull();

    await changeDashboardUser({
      id: userId,
      input: { disabled: true },
      actor: "admin@example.test",
    });
    expect(await session(cookie)).toBeNull();
    await expect(authorizeDashboardUser(email, password, "10.0.3.1")).rejects.toThrow(
      BAD_CREDENTIALS,
    );

    await changeDashboardUser({
      id: userId,
      input: { disabled: false },
      actor: "admin@example.test",
    });
    const afterEnable = await authorizeDashboardUser(email, password, "10.0.3.2");
    expect(afterEnable.sv).toBe(1);
    expect(await session(cookie)).toBeNull();

    await changeDashboardUser({
      id: userId,
      input: { password: "a brand new long password" },
      actor: "admin@example.test",
    });
    expect(await session(await cookieFor(afterEnable))).toBeNull();
    const afterReset = await authorizeDashboardUser(email, "a brand new long password", "10.0.3.3");
    expect(afterReset.sv).toBe(2);
    expect(await session(await cookieFor(afterReset))).toEqual({
      userId,
      email,
      sessionId: afterReset.sid,
    });

    const audit = await getPrisma().auditEvent.findMany({
      where: { targetId: userId },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => [a.actor, a.action])).toEqual([
      ["admin@example.test", "dashboard_user.created"],
      ["admin@example.test", "dashboard_user.disable"],
      ["admin@example.test", "dashboard_user.enable"],
      ["admin@example.test", "dashboard_user.reset_password"],
    ]);
  });

  it("refuses to disable the last enabled user", async () => {
    const prisma = getPrisma();
    const others = await prisma.adminUser.findMany({
      where: { disabledAt: null, id: { not: userId } },
    });
    await prisma.adminUser.updateMany({
      where: { id: { in: others.map((o) => o.id) } },
      data: { disabledAt: new Date() },
    });
    try {
      await expect(
        changeDashboardUser({ id: userId, input: { disabled: true }, actor: "admin@example.test" }),
      ).rejects.toThrow(/last enabled dashboard user/);
    } finally {
      await prisma.adminUser.updateMany({
        where: { id: { in: others.map((o) => o.id) } },
        data: { disabledAt: null },
      });
    }
  });
});
