import { describe, expect, it } from "vitest";
import { authSecret, provideAuthSecret } from "./auth-secret";

describe("authSecret", () => {
  it("refuses before the boot has provided a source, then answers from it", async () => {
    await expect(authSecret()).rejects.toThrow(/not bootstrapped/);
    provideAuthSecret(async () => "from-the-boot");
    await expect(authSecret()).resolves.toBe("from-the-boot");
  });
});
