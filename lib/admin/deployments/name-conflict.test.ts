import { describe, expect, it } from "vitest";
import { nameConflict, type NamedDeployment } from "./name-conflict";

const stored: NamedDeployment[] = [
  {
    id: "1",
    providerId: "deepseek",
    model: "deepseek-chat",
    aliases: ["deepseek-chat"],
    kind: "chat",
  },
  {
    id: "2",
    providerId: "openrouter",
    model: "meta-llama/llama-3.3-70b-instruct",
    aliases: ["llama-3.3-70b"],
    kind: "chat",
  },
  {
    id: "3",
    providerId: "openai",
    model: "text-embedding-3-small",
    aliases: ["embed-small"],
    kind: "embedding",
  },
];
const fresh = (d: Partial<NamedDeployment>): NamedDeployment => ({
  id: "",
  providerId: "groq",
  model: "llama-3.3-70b-versatile",
  aliases: [],
  kind: "chat",
  ...d,
});

describe("nameConflict", () => {
  it("lets a new chat deployment share an alias with chat deployments (failover across providers)", () => {
    expect(nameConflict(fresh({ aliases: ["llama-3.3-70b"] }), stored)).toBeNull();
  });

  it("refuses a provider/model that exists", () => {
    const err = nameConflict(fresh({ providerId: "deepseek", model: "deepseek-chat" }), stored);
    expect(err?.status).toBe(409);
    expect(err?.param).toBe("model");
    expect(err?.message).toBe("A deployment 'deepseek/deepseek-chat' already exists.");
  });

  it("does not hold a deployment's own row against its edit", () => {
    expect(nameConflict({ ...stored[0]!, aliases: ["deepseek-chat", "ds"] }, stored)).toBeNull();
  });

  it("refuses an alias that would name a chat and an embedding deployment", () => {
    const err = nameConflict(fresh({ aliases: ["embed-small"] }), stored);
    expect(err?.code).toBe("conflict");
    expect(err?.param).toBe("aliases");
    expect(err?.message).toContain(
      "'embed-small' also names openai/text-embedding-3-small, an embedding deployment",
    );
  });

  it("names the kind when an edit of the kind is what breaks the rule", () => {
    const err = nameConflict(
      { ...stored[1]!, kind: "embedding" },
      [...stored, fresh({ id: "4", aliases: ["llama-3.3-70b"] })],
      "kind",
    );
    expect(err?.param).toBe("kind");
    expect(err?.message).toContain("groq/llama-3.3-70b-versatile, a chat deployment");
  });

  it("refuses an embedding alias over two models, allows it over one model on two providers", () => {
    const other = fresh({
      providerId: "together",
      model: "BAAI/bge-base-en-v1.5",
      aliases: ["embed-small"],
      kind: "embedding",
    });
    expect(nameConflict(other, stored)?.message).toContain("an embedding alias names one model");
    const same = fresh({
      providerId: "openrouter",
      model: "text-embedding-3-small",
      aliases: ["embed-small"],
      kind: "embedding",
    });
    expect(nameConflict(same, stored)).toBeNull();
  });

  it("ignores aliases no one else uses", () => {
    expect(nameConflict(fresh({ aliases: ["versatile"], kind: "embedding" }), stored)).toBeNull();
  });
});
