import { describe, expect, it } from "vitest";
import { microsToDecimal, toCsv } from "./csv";

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
