import { describe, expect, it } from "vitest";
import { refusal } from "@/lib/testing/refusal";
import { parseMessagesRequest } from "./messages-api";

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

const refused = (value: unknown) => refusal(() => parseMessagesRequest(bytes(value)));

describe("parseMessagesRequest", () => {
  it("names the field once in its message", () => {
    const e = refused({ model: "m", messages: [{ role: "user", content: "hi" }] });
    expect(e.message).toBe("Invalid value for 'max_tokens': is required");
    expect(e.param).toBe("max_tokens");
  });

  it("takes a count_tokens body without max_tokens through its defaults", () => {
    const body = bytes({ model: "m", messages: [{ role: "user", content: "hi" }] });
    expect(parseMessagesRequest(body, { max_tokens: 1 }).request.max_tokens).toBe(1);
  });
});
