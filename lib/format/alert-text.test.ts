import { describe, expect, it } from "vitest";
import { alertTextForPage } from "./alert-text";

describe("alertTextForPage", () => {
  it("drops Slack shortcodes and keeps the words", () => {
    expect(alertTextForPage(":rotating_light: deepseek key quarantined: probe failed")).toBe(
      "deepseek key quarantined: probe failed",
    );
    expect(alertTextForPage(":x: no provider left for auto")).toBe("no provider left for auto");
  });

  it("leaves colons that are not shortcodes alone", () => {
    expect(alertTextForPage("next probe at 04:30:00Z: soon")).toBe("next probe at 04:30:00Z: soon");
  });
});
