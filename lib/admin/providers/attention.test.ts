import { describe, expect, it } from "vitest";
import { attentionOf } from "./attention";

describe("attentionOf", () => {
  it("says nothing when every provider is up and every key closed", () => {
    expect(attentionOf([{ down: false, credentials: [{ state: "closed" }] }]).words).toBeNull();
  });

  it("counts providers down, keys quarantined and keys open, in that order", () => {
    const a = attentionOf([
      { down: true, credentials: [{ state: "open" }, { state: "open" }] },
      { down: true, credentials: [{ state: "closed" }] },
      { down: false, credentials: [{ state: "quarantined" }, { state: "half_open" }] },
    ]);
    expect(a).toEqual({
      providersDown: 2,
      credentialsQuarantined: 1,
      credentialsOpen: 2,
      words: "2 providers down, 1 key quarantined, 2 keys open",
    });
  });
});
