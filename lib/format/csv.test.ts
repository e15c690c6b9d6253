import { describe, expect, it } from "vitest";
import { csvField, microsToDecimal, toCsv } from "./csv";

describe("CSV for downloads", () => {
  it("quotes only fields that need it and ends lines with CRLF", () => {
    expect(
      toCsv(
        ["a", "b"],
        [
          ["x,y", 'say "hi"'],
          [1, null],
        ],
      ),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n1,\r\n');
  });
  it("writes micro-dollars as exact decimal dollars", () => {
    expect(microsToDecimal(1_234_567)).toBe("1.234567");
    expect(microsToDecimal(-5)).toBe("-0.000005");
    expect(microsToDecimal(0)).toBe("0.000000");
  });
});

describe("formula-leading cells (OWASP CSV injection)", () => {
  it.each([
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ["+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\t=1", "'\t=1"],
    ["\r=1", '"\'\r=1"'],
    ["-", "'-"],
  ])("neutralises %j", (input, written) => {
    expect(csvField(input)).toBe(written);
  });

  it.each([
    [-5, "-5"],
    ["-0.000005", "-0.000005"],
    ["-12", "-12"],
    [0, "0"],
    ["plain text", "plain text"],
    ["a=b", "a=b"],
  ])("leaves %j as it is", (input, written) => {
    expect(csvField(input)).toBe(written);
  });
});
