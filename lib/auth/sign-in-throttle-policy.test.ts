import { describe, expect, it } from "vitest";
import { lockUntil, MAX_LOCK_MS, secondsLocked, throttleKeys } from "./sign-in-throttle-policy";

describe("sign-in throttle policy", () => {
  const now = 1_000_000;
  it("lets an account fail four times, then doubles the lock from 2 s", () => {
    expect(lockUntil("account:a@b", 4, now)).toBeNull();
    expect(lockUntil("account:a@b", 5, now)?.getTime()).toBe(now + 2_000);
    expect(lockUntil("account:a@b", 6, now)?.getTime()).toBe(now + 4_000);
  });
  it("gives an address more room than an account", () => {
    expect(lockUntil("address:10.0.0.1", 19, now)).toBeNull();
    expect(lockUntil("address:10.0.0.1", 20, now)?.getTime()).toBe(now + 2_000);
  });
  it("never locks longer than fifteen minutes", () => {
    expect(lockUntil("account:a@b", 60, now)?.getTime()).toBe(now + MAX_LOCK_MS);
  });
  it("reports the longest remaining lock in whole seconds", () => {
    expect(
      secondsLocked([{ lockedUntil: null }, { lockedUntil: new Date(now + 1_500) }], now),
    ).toBe(2);
    expect(secondsLocked([{ lockedUntil: new Date(now - 1) }], now)).toBe(0);
  });
  it("keys accounts case-insensitively", () => {
    expect(throttleKeys(" Admin@X.org ", "::1")).toEqual(["account:admin@x.org", "address:::1"]);
  });
});
