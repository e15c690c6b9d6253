import { describe, expect, it } from "vitest";
import { MAX_LABEL_CHARS, usageLabel, usageLabelOrNull } from "./usage-label";

describe("usageLabel", () => {
  it("keeps ordinary names as they are", () => {
    expect(usageLabel("deepseek/deepseek-chat")).toBe("deepseek/deepseek-chat");
    expect(usageLabel("模型-😀")).toBe("模型-😀");
  });

  it("replaces NUL, control characters and lone surrogates, which Postgres cannot store", () => {
    expect(usageLabel("a\u0000b")).toBe("a\ufffdb");
    expect(usageLabel("a\nb\u007f")).toBe("a\ufffdb\ufffd");
    expect(usageLabel("x\ud800y\udc00")).toBe("x\ufffdy\ufffd");
    expect(usageLabel("\ud83d")).toBe("\ufffd");
  });

  it("bounds the length without splitting a surrogate pair", () => {
    expect(usageLabel("m".repeat(10_000))).toHaveLength(MAX_LABEL_CHARS);
    const cut = usageLabel("a" + "😀".repeat(200), 4);
    expect(cut).toBe("a😀");
    expect(Buffer.from(cut, "utf8").toString("utf8")).toBe(cut);
  });

  it("turns anything into a string, and keeps null for nullable columns", () => {
    expect(usageLabel(undefined)).toBe("");
    expect(usageLabel(42)).toBe("42");
    expect(usageLabelOrNull(null)).toBeNull();
    expect(usageLabelOrNull("a\u0000")).toBe("a\ufffd");
  });
});
