import { describe, expect, it } from "vitest";
import { refusal } from "@/lib/testing/refusal";
import {
  embeddingInputs,
  hasTokenArrays,
  MAX_EMBEDDING_INPUTS,
  parseEmbeddingsRequest,
} from "./embeddings-request";

const bytes = (body: unknown) =>
  Buffer.from(typeof body === "string" ? body : JSON.stringify(body));

const refused = (body: unknown) => refusal(() => parseEmbeddingsRequest(bytes(body)));

describe("the embeddings request", () => {
  it.each([
    ["a string", "hello", [["hello"], false]],
    ["an array of strings", ["a", "b"], [["a", "b"], false]],
    ["an array of tokens", [1, 2, 3], [[[1, 2, 3]], true]],
    ["an array of token arrays", [[1], [2, 3]], [[[1], [2, 3]], true]],
  ] as const)("takes %s as input", (_, input, [inputs, tokens]) => {
    const request = parseEmbeddingsRequest(bytes({ model: "m", input }));
    expect(embeddingInputs(request)).toEqual(inputs);
    expect(hasTokenArrays(request)).toBe(tokens);
  });

  it("keeps dimensions, encoding_format, user and fields it does not know", () => {
    const request = parseEmbeddingsRequest(
      bytes({
        model: "m",
        input: "x",
        dimensions: 256,
        encoding_format: "base64",
        user: "u1",
        extra_field: true,
      }),
    );
    expect(request).toMatchObject({
      dimensions: 256,
      encoding_format: "base64",
      user: "u1",
      extra_field: true,
    });
  });

  it.each([
    ["no model", { input: "x" }, "model"],
    ["no input", { model: "m" }, "input"],
    ["an empty string", { model: "m", input: "" }, "input"],
    ["an empty array", { model: "m", input: [] }, "input"],
    ["an empty string in the array", { model: "m", input: ["a", ""] }, "input.1"],
    ["strings and token arrays mixed", { model: "m", input: [[1], "a"] }, "input"],
    ["a fractional token", { model: "m", input: [1.5] }, "input"],
    ["a negative token", { model: "m", input: [-1] }, "input.0"],
    ["an object as input", { model: "m", input: { text: "x" } }, "input"],
    ["2049 inputs", { model: "m", input: Array(MAX_EMBEDDING_INPUTS + 1).fill("a") }, "input"],
    ["0 dimensions", { model: "m", input: "x", dimensions: 0 }, "dimensions"],
    ["fractional dimensions", { model: "m", input: "x", dimensions: 1.5 }, "dimensions"],
    ["an unknown encoding", { model: "m", input: "x", encoding_format: "int8" }, "encoding_format"],
  ])("refuses %s with a 400 naming the field", (_, body, param) => {
    const err = refused(body);
    expect(err.status).toBe(400);
    expect(err.code).toBe("invalid_request_error");
    expect(err.param).toBe(param);
    expect(err.toBody().error.message).toMatch(/\S/);
  });

  it("says what input may be", () => {
    expect(refused({ model: "m", input: [[1], "a"] }).message).toContain(
      "an array of token arrays",
    );
    expect(refused({ model: "m" }).message).toContain("is required");
  });

  it("refuses a body that is not a JSON object as every path does", () => {
    expect(refused("not json").code).toBe("invalid_json");
    expect(refused([]).status).toBe(400);
  });
});
