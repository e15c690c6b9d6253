import { describe, expect, it } from "vitest";
import { MAX_TAG_CHARS, MAX_TAGS, readRequestLabels } from "./request-labels";

describe("request labels", () => {
  it("reads the end user, header tags and metadata as key:value", () => {
    expect(
      readRequestLabels(
        { user: " alice ", metadata: { team: "search", tier: 2 } },
        "env:prod, batch",
      ),
    ).toEqual({
      endUser: "alice",
      tags: ["env:prod", "batch", "team:search", "tier:2"],
    });
  });

  it("bounds the number and length of tags and ignores what is not a label", () => {
    const header = Array.from({ length: 30 }, (_, i) => `t${i}`).join(",");
    const labels = readRequestLabels(
      { user: 42, metadata: ["not", "an", "object"] },
      `${"x".repeat(500)},${header}`,
    );
    expect(labels.endUser).toBeNull();
    expect(labels.tags).toHaveLength(MAX_TAGS);
    expect(labels.tags[0]).toHaveLength(MAX_TAG_CHARS);
  });
});
