import { describe, expect, it } from "vitest";
import { planRotation } from "./plan-rotation";

const NOW = 1_800_000_000_000;

describe("planRotation", () => {
  it("gives the replaced secret the grace period from now, in whole seconds", () => {
    expect(planRotation({ now: NOW, graceSeconds: 3600, previous: null })).toEqual({
      previousEndsAt: NOW + 3_600_000,
      ended: null,
    });
    expect(planRotation({ now: NOW, graceSeconds: 604_800, previous: null }).previousEndsAt).toBe(
      NOW + 7 * 24 * 3_600_000,
    );
  });

  it("with a grace of 0 the replaced secret ends at the rotation itself", () => {
    expect(planRotation({ now: NOW, graceSeconds: 0, previous: null }).previousEndsAt).toBe(NOW);
  });

  it("ends at once an older secret still in its grace, so at most two live", () => {
    const older = { hash: "h-older", prefix: "sk-gw-older123", endsAt: NOW + 60_000 };
    expect(planRotation({ now: NOW, graceSeconds: 120, previous: older })).toEqual({
      previousEndsAt: NOW + 120_000,
      ended: older,
    });
  });

  it("forgets an older secret whose grace is already over (nothing left to end)", () => {
    for (const endsAt of [NOW, NOW - 1, null]) {
      const older = { hash: "h-older", prefix: "sk-gw-older123", endsAt };
      expect(planRotation({ now: NOW, graceSeconds: 60, previous: older }).ended).toBeNull();
    }
  });
});
