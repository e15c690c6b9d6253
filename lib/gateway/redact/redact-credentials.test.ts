import { describe, expect, it } from "vitest";
import type { Catalog } from "@/lib/gateway/catalog";
import { catalogSecrets, redactFailure, redactUpstreamText } from "./redact-credentials";

const catalog = {
  providers: new Map(),
  deployments: [],
  credentialsByProvider: new Map([
    [
      "acme",
      [
        {
          id: "c1",
          providerId: "acme",
          label: "main",
          apiKey: "plain-secret-value",
          last4: "alue",
          simulated: false,
        },
      ],
    ],
    [
      "groq",
      [
        {
          id: "c2",
          providerId: "groq",
          label: "g",
          apiKey: "gsk_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRST",
          last4: "QRST",
          simulated: false,
        },
      ],
    ],
  ]),
} as unknown as Catalog;

describe("redacting upstream text", () => {
  const secrets = catalogSecrets(catalog);

  it("removes every configured credential, whatever its shape, wherever it appears", () => {
    const out = redactUpstreamText(
      "bad key plain-secret-value (you sent 'plain-secret-value')",
      secrets,
    );
    expect(out).not.toContain("plain-secret-value");
    expect(out).toContain("[redacted]");
  });

  it("removes text shaped like a provider key even when it is not ours", () => {
    for (const leaked of [
      "sk-proj-AbCdEf1234567890abcdef",
      "AIzaSyA1234567890abcdefghijklmnopqrstu",
      "sk-ant-api03-abcdefghijklmnop",
      "Bearer tok_123456",
    ]) {
      expect(redactUpstreamText(`Key ${leaked} is invalid`, [])).not.toContain(leaked);
    }
  });

  it("redacts a failure's message and code, and keeps the rest", () => {
    const f = redactFailure(
      {
        errorClass: "permanent_auth",
        scope: "credential",
        httpStatus: 401,
        message: "Incorrect: gsk_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRST",
        code: "plain-secret-value",
      },
      secrets,
    );
    expect(JSON.stringify(f)).not.toMatch(/gsk_|plain-secret-value/);
    expect(f).toMatchObject({ errorClass: "permanent_auth", httpStatus: 401 });
  });
});
