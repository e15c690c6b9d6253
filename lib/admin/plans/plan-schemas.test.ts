import { describe, expect, it } from "vitest";
import { PlanCreateSchema, PlanUpdateSchema } from "./plan-schemas";

describe("plan schemas", () => {
  it("defaults the fee and included tokens on create", () => {
    expect(PlanCreateSchema.parse({ name: "p", overagePricePer1MMicros: 1 })).toMatchObject({
      monthlyFeeMicros: 0,
      includedTokens: 0,
    });
  });

  it("leaves fields a PATCH omits undefined, so they are not reset", () => {
    const patch = PlanUpdateSchema.parse({ overagePricePer1MMicros: 5 });
    expect(patch).toEqual({ overagePricePer1MMicros: 5 });
  });

  it("still refuses unknown fields on update", () => {
    expect(PlanUpdateSchema.safeParse({ bogus: 1 }).success).toBe(false);
  });
});
