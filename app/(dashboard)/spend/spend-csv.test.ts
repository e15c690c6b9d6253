import { describe, expect, it } from "vitest";
import { spendCsv } from "./spend-csv";

const row = (name: string, marginMicros: number) =>
  ({
    key: name,
    label: name,
    name,
    requests: 1,
    errors: 0,
    promptTokens: 2,
    completionTokens: 3,
    cachedTokens: 0,
    costMicros: 10,
    billedMicros: 10 + marginMicros,
    marginMicros,
    cost: "",
    billed: "",
    margin: "",
    belowCost: marginMicros < 0,
  }) as Parameters<typeof spendCsv>[1][number];

describe("the Spend CSV", () => {
  it("neutralises a model name that reads as a formula and keeps a negative margin a number", () => {
    const csv = spendCsv("model", [row("=cmd|' /C calc'!A0", -5)]);
    expect(csv.split("\r\n")[1]).toBe("'=cmd|' /C calc'!A0,1,0,2,3,0,0.000010,0.000005,-0.000005");
  });
});
