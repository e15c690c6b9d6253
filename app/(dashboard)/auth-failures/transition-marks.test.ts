import { describe, expect, it } from "vitest";
import { transitionMarks } from "./transition-marks";

const MIN = 60_000;

describe("transitionMarks", () => {
  it("puts transitions of one bucket on one line with one label", () => {
    const marks = transitionMarks(
      [
        { at: "2026-12-07T03:00:10Z", to: "open" },
        { at: "2026-12-07T03:00:50Z", to: "quarantined" },
      ],
      MIN,
      10 * MIN,
    );
    expect(marks).toEqual([
      {
        x: Date.parse("2026-12-07T03:00:00Z"),
        text: "open → quarantined",
        closed: false,
        labelled: true,
      },
    ]);
  });

  it("labels a mark only when the last labelled one is far enough away, and keeps every line", () => {
    const marks = transitionMarks(
      [
        { at: "2026-12-07T03:00:00Z", to: "open" },
        { at: "2026-12-07T03:02:00Z", to: "half_open" },
        { at: "2026-12-07T03:03:00Z", to: "closed" },
        { at: "2026-12-07T03:20:00Z", to: "open" },
      ],
      MIN,
      10 * MIN,
    );
    expect(marks.map((m) => [m.text, m.labelled, m.closed])).toEqual([
      ["open", true, false],
      ["half-open", false, false],
      ["closed", false, true],
      ["open", true, false],
    ]);
  });
});
