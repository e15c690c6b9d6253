import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { errors as undiciErrors } from "undici";
import { describe, expect, it } from "vitest";
import type { ProviderKind } from "@/lib/gateway/providers/registry";
import {
  classifyUpstreamError,
  sanitizeMessage,
  type UpstreamOutcome,
} from "./classify-upstream-error";
import { ERROR_CLASSES, scopeOf, type ErrorClass } from "./error-class";
import { parseDuration, retryHintMs } from "./retry-hint";

interface Fixture {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  inStream?: boolean;
  transportError?: unknown;
  expected: { errorClass: ErrorClass; code?: string; retryAfterMs?: number; message?: string };
  source: string;
}

/** The file name's prefix says who sent the body; DeepSeek, OpenRouter and Moonshot speak OpenAI. */
const KIND_BY_PREFIX: Record<string, ProviderKind> = {
  openai: "openai_compatible",
  deepseek: "openai_compatible",
  openrouter: "openai_compatible",
  moonshot: "openai_compatible",
  mistral: "openai_compatible",
  groq: "openai_compatible",
  xai: "openai_compatible",
  transport: "openai_compatible",
  anthropic: "anthropic",
  gemini: "gemini",
};

const FIXTURE_DIR = path.join(import.meta.dirname, "__fixtures__");
const fixtures = readdirSync(FIXTURE_DIR)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((file) => ({
    name: file.replace(/\.json$/, ""),
    fx: JSON.parse(readFileSync(path.join(FIXTURE_DIR, file), "utf8")) as Fixture,
  }));

function outcomeOf(name: string, fx: Fixture): UpstreamOutcome {
  const providerKind = KIND_BY_PREFIX[name.split("-")[0]!];
  if (!providerKind) throw new Error(`fixture ${name}: unknown provider prefix`);
  return {
    providerKind,
    status: fx.status,
    headers: fx.headers,
    body: fx.body,
    inStream: fx.inStream,
    transportError: fx.transportError,
  };
}

describe("classifyUpstreamError against recorded provider bodies", () => {
  it("has fixtures for every class, each with a source", () => {
    expect(fixtures.length).toBeGreaterThan(40);
    for (const { name, fx } of fixtures) {
      expect(fx.source.length, name).toBeGreaterThan(10);
      expect(ERROR_CLASSES, name).toContain(fx.expected.errorClass);
    }
    const covered = new Set(fixtures.map(({ fx }) => fx.expected.errorClass));
    expect([...covered].sort()).toEqual([...ERROR_CLASSES].sort());
  });

  it.each(fixtures)("$name", ({ name, fx }) => {
    const failure = classifyUpstreamError(outcomeOf(name, fx));
    expect(failure.errorClass).toBe(fx.expected.errorClass);
    expect(failure.scope).toBe(scopeOf(fx.expected.errorClass));
    if (fx.status !== undefined) expect(failure.httpStatus).toBe(fx.status);
    if (fx.expected.code !== undefined) expect(failure.code).toBe(fx.expected.code);
    if (fx.expected.retryAfterMs !== undefined)
      expect(failure.retryAfterMs).toBe(fx.expected.retryAfterMs);
    // The provider's own words reach a client whose request it refused.
    if (fx.expected.message !== undefined) expect(failure.message).toContain(fx.expected.message);
    // Whatever the provider echoed, no key material survives into the failure.
    expect(failure.message ?? "").not.toMatch(/sk-proj|AIza|\*{4}|fa4e/);
    expect((failure.message ?? "").length).toBeLessThanOrEqual(300);
  });
});

describe("classifyUpstreamError beyond the fixtures", () => {
  it("classifies real undici error instances, thrown bare or wrapped by fetch", () => {
    const cases: Array<[unknown, ErrorClass, string]> = [
      [new undiciErrors.ConnectTimeoutError(), "timeout", "UND_ERR_CONNECT_TIMEOUT"],
      [new undiciErrors.HeadersTimeoutError(), "timeout", "UND_ERR_HEADERS_TIMEOUT"],
      [new undiciErrors.BodyTimeoutError(), "timeout", "UND_ERR_BODY_TIMEOUT"],
      [new undiciErrors.SocketError("other side closed"), "server_error", "UND_ERR_SOCKET"],
      [
        new TypeError("fetch failed", { cause: new undiciErrors.ConnectTimeoutError() }),
        "timeout",
        "UND_ERR_CONNECT_TIMEOUT",
      ],
    ];
    for (const [transportError, cls, code] of cases) {
      const failure = classifyUpstreamError({ providerKind: "openai_compatible", transportError });
      expect(failure).toMatchObject({ errorClass: cls, code, scope: "provider" });
      expect(failure.httpStatus).toBeUndefined();
    }
  });

  it("treats AbortSignal.timeout() rejections as timeouts", () => {
    const transportError = new DOMException(
      "The operation was aborted due to timeout",
      "TimeoutError",
    );
    expect(classifyUpstreamError({ providerKind: "gemini", transportError }).errorClass).toBe(
      "timeout",
    );
  });

  it("reads the status an error inside a 200 stream carries in error.code", () => {
    // OpenRouter: errors after generation started come as SSE data in the
    // {error: {code: <http status>, message}} shape of openrouter.ai/docs/api/errors.
    const body = {
      error: {
        code: 429,
        message: "Provider returned error",
        metadata: { error_type: "rate_limit_exceeded" },
      },
    };
    const failure = classifyUpstreamError({
      providerKind: "openai_compatible",
      status: 200,
      body,
      inStream: true,
    });
    expect(failure.errorClass).toBe("rate_limit");
    expect(failure.httpStatus).toBe(200);
  });

  it("calls an unrecognisable error inside a stream a server error", () => {
    const failure = classifyUpstreamError({
      providerKind: "openai_compatible",
      status: 200,
      body: { error: {} },
      inStream: true,
    });
    expect(failure.errorClass).toBe("server_error");
  });

  it("keeps plain-text bodies as the message", () => {
    const failure = classifyUpstreamError({
      providerKind: "openai_compatible",
      status: 502,
      body: "Bad Gateway",
    });
    expect(failure).toMatchObject({ errorClass: "server_error", message: "Bad Gateway" });
  });
});

describe("retryHintMs", () => {
  const now = Date.parse("Tue, 26 Mar 2024 19:59:59 GMT");

  it("reads Retry-After as seconds", () => {
    expect(retryHintMs({ "retry-after": "23" }, undefined, undefined)).toBe(23_000);
    expect(retryHintMs({ "retry-after": "1.5" }, undefined, undefined)).toBe(1_500);
  });

  it("reads Retry-After as an HTTP date, never negative", () => {
    expect(
      retryHintMs({ "retry-after": "Tue, 26 Mar 2024 20:00:29 GMT" }, undefined, undefined, now),
    ).toBe(30_000);
    expect(
      retryHintMs({ "retry-after": "Tue, 26 Mar 2024 19:00:00 GMT" }, undefined, undefined, now),
    ).toBe(0);
  });

  it("prefers retry-after-ms, and matches header names case-insensitively", () => {
    expect(retryHintMs({ "retry-after-ms": "250", "retry-after": "1" }, undefined, undefined)).toBe(
      250,
    );
    expect(retryHintMs({ "Retry-After": "2" }, undefined, undefined)).toBe(2_000);
    expect(retryHintMs({ "retry-after": ["3", "4"] }, undefined, undefined)).toBe(3_000);
  });

  it("reads Gemini RetryInfo.retryDelay", () => {
    const info = (retryDelay: string) => [
      { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay },
    ];
    expect(retryHintMs(undefined, info("9s"), undefined)).toBe(9_000);
    expect(retryHintMs(undefined, info("0.5s"), undefined)).toBe(500);
    expect(retryHintMs(undefined, info("45.837906927s"), undefined)).toBe(45_838);
  });

  it("reads the wait from the message prose", () => {
    expect(
      retryHintMs(
        undefined,
        undefined,
        "Limit 10000, Used 8554. Please try again in 9.8s. Visit ...",
      ),
    ).toBe(9_800);
    expect(retryHintMs(undefined, undefined, "Please try again in 20ms.")).toBe(20);
    expect(retryHintMs(undefined, undefined, "Please try again in 1m30s.")).toBe(90_000);
    expect(retryHintMs(undefined, undefined, "Please try again in 174ms. Visit")).toBe(174);
    expect(retryHintMs(undefined, undefined, "Please retry in 20.04466179s.")).toBe(20_045);
  });

  it("ranks headers over RetryInfo over prose", () => {
    const details = [{ retryDelay: "53s" }];
    const prose = "Please retry in 53.016342224s.";
    expect(retryHintMs({ "retry-after": "5" }, details, prose)).toBe(5_000);
    expect(retryHintMs(undefined, details, prose)).toBe(53_000);
  });

  it("ignores what it cannot read, and x-ratelimit-reset-* windows", () => {
    expect(
      retryHintMs({ "retry-after": "soon" }, [{ retryDelay: "later" }], "try again later"),
    ).toBeUndefined();
    expect(
      retryHintMs({ "x-ratelimit-reset-tokens": "6m0s" }, undefined, undefined),
    ).toBeUndefined();
  });

  it("parses durations strictly", () => {
    expect(parseDuration("6m0s")).toBe(360_000);
    expect(parseDuration("1h2m")).toBe(3_720_000);
    expect(parseDuration("0.07s")).toBe(70);
    expect(parseDuration("9s later")).toBeUndefined();
    expect(parseDuration("")).toBeUndefined();
  });
});

describe("sanitizeMessage", () => {
  it("drops the key fragment OpenAI quotes back", () => {
    const out = sanitizeMessage(
      "Incorrect API key provided: sk-proj-abc123def456ghi789...xyz. You can find your API key at https://platform.openai.com/account/api-keys.",
    );
    expect(out).not.toMatch(/sk-proj|abc123|xyz\./);
    expect(out).toContain("Incorrect API key provided:");
    expect(out).toContain("https://platform.openai.com/account/api-keys");
  });

  it("drops masked fragments wherever they appear", () => {
    expect(
      sanitizeMessage("Incorrect API key provided: key_8Tjw********rtUb. You can find..."),
    ).not.toMatch(/8Tjw|rtUb/);
    expect(
      sanitizeMessage("Authentication Fails, Your api key: ****fa4e is invalid"),
    ).not.toContain("fa4e");
    expect(sanitizeMessage("param: fk-umiYC3Esdn1NxUlUsMsBsUZ********")).not.toContain("umiYC3");
  });

  it("removes Gemini AIza keys and bearer tokens", () => {
    const out = sanitizeMessage(
      "Error fetching https://generativelanguage.googleapis.com/v1beta/models/gemini-pro:generateContent?key=AIzaSyFAKE0000000000000000000000000000 with Bearer ya29.FAKEtoken",
    );
    expect(out).not.toMatch(/AIza|ya29/);
  });

  it("leaves ordinary provider prose readable and cuts long messages", () => {
    expect(sanitizeMessage("The model is overloaded. Please try again later.")).toBe(
      "The model is overloaded. Please try again later.",
    );
    const long = sanitizeMessage("word ".repeat(200));
    expect(long.length).toBe(300);
    expect(long.endsWith("...")).toBe(true);
  });
});
