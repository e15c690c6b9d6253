import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config";

describe("parseConfig", () => {
  it("fills the product's defaults for an empty environment", () => {
    const c = parseConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.GATEWAY_DATA_DIR).toBe(".data");
    expect(c.GATEWAY_REQUEST_DEADLINE_MS).toBe(120_000);
    expect(c.GATEWAY_V1_DOOR).toBe("node");
    expect(c.LOG_LEVEL).toBe("info");
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.GATEWAY_BREAKER_PROVIDER_MIN_VOLUME).toBe(10);
    // No provider key: demo mode.
    expect(c.simulated).toBe(true);
    expect(c.providers.deepseek).toEqual({ keys: [], baseUrl: undefined });
  });

  it("treats empty and blank values as unset", () => {
    const c = parseConfig({ PORT: "", GATEWAY_REQUEST_DEADLINE_MS: "  ", DEEPSEEK_API_KEY: "" });
    expect(c.PORT).toBe(3000);
    expect(c.GATEWAY_REQUEST_DEADLINE_MS).toBe(120_000);
    expect(c.simulated).toBe(true);
  });

  it("reads provider keys as a comma-separated list, base URLs per provider", () => {
    const c = parseConfig({
      DEEPSEEK_API_KEY: " k1, k2 ,",
      DEEPSEEK_BASE_URL: "http://127.0.0.1:9/deepseek/v1",
      XAI_API_KEY: "x1",
    });
    expect(c.providers.deepseek).toEqual({
      keys: ["k1", "k2"],
      baseUrl: "http://127.0.0.1:9/deepseek/v1",
    });
    expect(c.providers.xai!.keys).toEqual(["x1"]);
    expect(c.simulated).toBe(false);
  });

  it("lets GATEWAY_SIMULATED_PROVIDERS force demo mode on or off", () => {
    expect(parseConfig({ GATEWAY_SIMULATED_PROVIDERS: "1", OPENAI_API_KEY: "sk" }).simulated).toBe(
      true,
    );
    expect(parseConfig({ GATEWAY_SIMULATED_PROVIDERS: "0" }).simulated).toBe(false);
  });

  it.each([
    ["GATEWAY_REQUEST_DEADLINE_MS", "abc"],
    ["GATEWAY_REQUEST_DEADLINE_MS", "0"],
    ["GATEWAY_REQUEST_DEADLINE_MS", "1.5"],
    ["PORT", "x"],
    ["PORT", "65536"],
    ["OPENAI_BASE_URL", "not a url"],
    ["ANTHROPIC_BASE_URL", "file:///etc/passwd"],
    ["ALERT_WEBHOOK_URL", "example.com/hook"],
    ["GATEWAY_UPSTREAM_IDLE_TIMEOUT_MS", "-1"],
    ["LOG_LEVEL", "loud"],
    ["GATEWAY_V1_DOOR", "side"],
    ["GATEWAY_SIMULATED_PROVIDERS", "yes"],
    ["GATEWAY_ENCRYPTION_KEY", "c2hvcnQ="],
  ])("rejects %s=%j with one line naming it", (variable, value) => {
    let error: unknown;
    try {
      parseConfig({ [variable]: value });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).not.toContain("\n");
    expect(message).toMatch(
      new RegExp(`^Invalid configuration: ${variable}\\b.* is invalid: expected `),
    );
    expect((error as ConfigError).problems.map((p) => p.variable)).toEqual([variable]);
  });

  it("never echoes a secret's value", () => {
    for (const [variable, value] of [
      ["DATABASE_URL", "mysql://u:topsecret@h/db"],
      ["GATEWAY_ENCRYPTION_KEY", "topsecret"],
    ] as const) {
      expect(() => parseConfig({ [variable]: value })).toThrow(variable);
      try {
        parseConfig({ [variable]: value });
      } catch (err) {
        expect((err as Error).message).not.toContain("topsecret");
      }
    }
  });
});
