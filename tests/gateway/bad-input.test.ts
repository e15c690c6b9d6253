/**
 * Everything a caller can get wrong, through both doors: each mistake gets its own
 * OpenAI-shaped error with the right status, a JSON content type, a request id, and
 * nothing internal in the body. Upstream client errors are passed back, not retried.
 */
import OpenAI from "openai";
import { Agent, fetch as undiciFetch, type BodyInit as UndiciBody } from "undici";
import { simProviderEnv } from "../support/sim-provider-env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDER_ERRORS, startSimulator, type Simulator } from "@/lib/simulator";
import { hashApiKey } from "@/lib/gateway/keys/api-key";
import {
  admin,
  issueTenantKey,
  startGatewayProcess,
  type GatewayProcess,
} from "../support/gateway-process";
import { expectNoInternals, expectOpenAIError } from "../support/openai-error";
import { rawRequest } from "../support/raw-http";
import { waitFor } from "../support/wait-for";

const PROVIDER_KEYS = {
  deepseek: ["sk-ds-badinput-1", "sk-ds-badinput-2"],
  openai: ["sk-oa-badinput-1"],
  openrouter: ["sk-or-badinput-1"],
};
const MiB = 1024 * 1024;

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim.close();
});

describe.each(["node", "next"] as const)("bad input through the %s door", (door) => {
  let gw: GatewayProcess;
  let key: string;
  /** Every secret this suite knows: none may ever appear in an error body. */
  let secrets: string[];

  beforeAll(async () => {
    gw = await startGatewayProcess({ door, env: simProviderEnv(sim, PROVIDER_KEYS) });
    key = (await issueTenantKey(gw.url, `bad-input-${door}`)).key;
    const providerKeys = Object.values(PROVIDER_KEYS).flat();
    secrets = [key, hashApiKey(key), ...providerKeys];
  });
  afterAll(async () => {
    await gw?.stop();
  });

  const post = (body: BodyInit, headers: Record<string, string> = {}) =>
    fetch(`${gw.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
      body,
    });
  const postJson = (body: unknown) => post(JSON.stringify(body));
  const hello = [{ role: "user", content: "hello" }];

  it("rejects malformed JSON with a 400 invalid_request_error", async () => {
    const body = await expectOpenAIError(
      await post('{"model": "deepseek/deepseek-chat", "messages": ['),
      400,
      { type: "invalid_request_error", secrets },
    );
    expect(body.error.message).toMatch(/JSON/);
  });

  it("rejects an empty body and a body that is not a JSON object", async () => {
    await expectOpenAIError(await post(""), 400, { type: "invalid_request_error", secrets });
    for (const notAnObject of ["[1,2,3]", '"hello"', "42", "null", "true"]) {
      const body = await expectOpenAIError(await post(notAnObject), 400, {
        type: "invalid_request_error",
        secrets,
      });
      expect(body.error.message, notAnObject).toMatch(/object/i);
    }
  });

  it("names the missing or empty `messages`", async () => {
    await expectOpenAIError(await postJson({ model: "deepseek/deepseek-chat" }), 400, {
      type: "invalid_request_error",
      param: "messages",
      secrets,
    });
    await expectOpenAIError(
      await postJson({ model: "deepseek/deepseek-chat", messages: [] }),
      400,
      { type: "invalid_request_error", param: "messages", secrets },
    );
    await expectOpenAIError(await postJson({ messages: hello }), 400, {
      type: "invalid_request_error",
      param: "model",
      secrets,
    });
  });

  it("names the field with the wrong type", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ model: 5, messages: hello }, "model"],
      [{ model: "deepseek/deepseek-chat", messages: hello, temperature: "hot" }, "temperature"],
      [{ model: "deepseek/deepseek-chat", messages: hello, stream: "yes" }, "stream"],
      [{ model: "deepseek/deepseek-chat", messages: "hello" }, "messages"],
      [
        { model: "deepseek/deepseek-chat", messages: [{ role: "wizard", content: "hi" }] },
        "messages.0.role",
      ],
    ];
    for (const [body, param] of cases) {
      await expectOpenAIError(await postJson(body), 400, {
        type: "invalid_request_error",
        param,
        secrets,
      });
    }
  });

  it("refuses nesting too deep to serialise with a 400, and still serves a request nested 100 deep", async () => {
    const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
    const tooDeep = `{"model":"deepseek/deepseek-chat","messages":[{"role":"user","content":"hi","x":${nested(50_000)}}]}`;
    const body = await expectOpenAIError(await post(tooDeep), 400, {
      type: "invalid_request_error",
      secrets,
    });
    expect(body.error.message).toMatch(/128 levels/);
    const deepButFine = `{"model":"deepseek/deepseek-chat","messages":[{"role":"user","content":"hi","x":${nested(100)}}]}`;
    expect((await post(deepButFine)).status).toBe(200);
  });

  it("answers an unknown model with 400 model_not_found", async () => {
    const body = await expectOpenAIError(
      await postJson({ model: "nonexistent/model-9000", messages: hello }),
      400,
      {
        type: "invalid_request_error",
        code: "model_not_found",
        param: "model",
        secrets,
      },
    );
    expect(body.error.message).toContain("nonexistent/model-9000");
  });

  /**
   * A 5 MiB upload, then a second request over the same (only) connection: a server that
   * neither reads the rest of a refused body nor closes the connection leaves the second
   * request stuck behind it.
   */
  async function oversizedThenAgain(body: () => string | ReadableStream<Uint8Array>) {
    const oneConnection = new Agent({ connections: 1 });
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    try {
      const refused = await undiciFetch(`${gw.url}/v1/chat/completions`, {
        method: "POST",
        headers,
        body: body() as UndiciBody,
        duplex: "half",
        dispatcher: oneConnection,
      });
      await expectOpenAIError(refused as unknown as Response, 413, {
        type: "invalid_request_error",
        code: "request_too_large",
        secrets,
      });
      const next = await undiciFetch(`${gw.url}/v1/models`, {
        headers,
        dispatcher: oneConnection,
        signal: AbortSignal.timeout(5_000),
      });
      expect(next.status).toBe(200);
      await next.text();
    } finally {
      await oneConnection.destroy();
    }
  }

  it("refuses a body over 4 MiB with 413 and keeps the connection usable", async () => {
    await oversizedThenAgain(() =>
      JSON.stringify({
        model: "deepseek/deepseek-chat",
        messages: [{ role: "user", content: "a".repeat(5 * MiB) }],
      }),
    );
  });

  it("lets clients that are still uploading read their 413, not a reset, 30 of them 6 at a time, with Connection: close", async () => {
    const request = {
      method: "POST",
      path: "/v1/chat/completions",
      headers: [
        ["authorization", `Bearer ${key}`],
        ["content-type", "application/json"],
      ] as [string, string][],
      body: Buffer.from(
        JSON.stringify({
          model: "deepseek/deepseek-chat",
          messages: [{ role: "user", content: "a".repeat(5 * MiB) }],
        }),
      ),
    };
    const statuses: (number | null)[] = [];
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        for (let i = 0; i < 5; i++)
          statuses.push((await rawRequest(gw.url, request))?.status ?? null);
      }),
    );
    expect(statuses).toEqual(Array(30).fill(413));
  });

  it("refuses a chunked upload without content-length once it passes 4 MiB, and keeps the connection usable", async () => {
    const chunk = new TextEncoder().encode("a".repeat(64 * 1024));
    await oversizedThenAgain(() => {
      let sent = 0;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= 5 * MiB) return controller.close();
          sent += chunk.byteLength;
          controller.enqueue(chunk);
        },
      });
    });
  });

  it("answers a wrong method with an OpenAI-shaped 405", async () => {
    const res = await fetch(`${gw.url}/v1/chat/completions`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(res.headers.get("allow")).toBe("POST");
    await expectOpenAIError(res, 405, {
      type: "invalid_request_error",
      code: "method_not_allowed",
      secrets,
    });
  });

  it("answers an unknown /v1 path with OpenAI-shaped JSON, not an HTML page", async () => {
    for (const [method, pathname] of [
      ["GET", "/v1/does-not-exist"],
      ["POST", "/v1/audio/speech"],
      ["GET", "/v1/chat/completions/extra"],
    ] as const) {
      const res = await fetch(gw.url + pathname, {
        method,
        headers: { authorization: `Bearer ${key}` },
        body: method === "POST" ? "{}" : undefined,
      });
      await expectOpenAIError(res, 404, { code: "not_found", secrets });
    }
  });

  const listModels = (authorization?: string) =>
    fetch(`${gw.url}/v1/models`, { headers: authorization ? { authorization } : {} });
  const invalidKey = { type: "invalid_request_error", code: "invalid_api_key" } as const;

  it("answers a missing or malformed Authorization with 401 invalid_api_key", async () => {
    await expectOpenAIError(
      await post(JSON.stringify({ model: "deepseek/deepseek-chat", messages: hello }), {
        authorization: "",
      }),
      401,
      { ...invalidKey, secrets },
    );
    await expectOpenAIError(await listModels(), 401, { ...invalidKey, secrets });
    await expectOpenAIError(
      await listModels(`Basic ${Buffer.from(`user:${key}`).toString("base64")}`),
      401,
      { ...invalidKey, secrets },
    );
    await expectOpenAIError(await listModels("Bearer"), 401, { ...invalidKey, secrets });
  });

  it("answers an unknown key with 401 and does not echo it", async () => {
    const unknown = `sk-gw-${"Z".repeat(43)}`;
    const res = await fetch(`${gw.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${unknown}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "deepseek/deepseek-chat", messages: hello }),
    });
    await expectOpenAIError(res, 401, {
      ...invalidKey,
      secrets: [...secrets, unknown, unknown.slice(6)],
    });
  });

  it("refuses a revoked key with 401", async () => {
    const issued = await issueTenantKey(gw.url, `bad-input-revoked-${door}`);
    expect((await listModels(`Bearer ${issued.key}`)).status).toBe(200);
    await admin(gw.url, "DELETE", `/api/admin/keys/${issued.keyId}`);
    await expectOpenAIError(await listModels(`Bearer ${issued.key}`), 401, {
      ...invalidKey,
      secrets: [...secrets, issued.key],
    });
  });

  it("refuses an expired key with 401, and a key about to expire only once it has", async () => {
    // A key cannot be issued already expired: that is the admin's 400, naming the field.
    const issuedExpired = await issueTenantKey(gw.url, `bad-input-expired-${door}`, {
      expiresAt: new Date(Date.now() - 60_000).toISOString(),
    }).catch((err: Error) => err.message);
    expect(issuedExpired).toMatch(/-> 400: .*"param":"expiresAt"/);

    const expiresAt = Date.now() + 3_000;
    const soon = await issueTenantKey(gw.url, `bad-input-expiring-${door}`, {
      expiresAt: new Date(expiresAt).toISOString(),
    });
    expect((await listModels(`Bearer ${soon.key}`)).status).toBe(200);
    const refused = await waitFor(
      async () => {
        const res = await listModels(`Bearer ${soon.key}`);
        return res.status === 401 ? { res, at: Date.now() } : (await res.body?.cancel(), undefined);
      },
      { timeoutMs: 8_000, what: "the expiring key to be refused" },
    );
    expect(refused.at).toBeGreaterThanOrEqual(expiresAt);
    const body = await expectOpenAIError(refused.res, 401, {
      ...invalidKey,
      secrets: [...secrets, soon.key],
    });
    expect(body.error.message).toMatch(/expired/i);
  });

  it("answers a model outside the key's allowedModels with 403, and serves the allowed one", async () => {
    const restricted = await issueTenantKey(gw.url, `bad-input-restricted-${door}`, {
      allowedModels: ["deepseek/deepseek-chat"],
    });
    const client = new OpenAI({ apiKey: restricted.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
    const ok = await client.chat.completions.create({
      model: "deepseek/deepseek-chat",
      messages: [{ role: "user", content: "hi" }],
    });
    expect(ok.choices[0]!.message.content).toBeTruthy();

    const res = await fetch(`${gw.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${restricted.key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "openai/gpt-4o-mini", messages: hello }),
    });
    await expectOpenAIError(res, 403, {
      type: "permission_error",
      code: "model_not_allowed",
      param: "model",
      secrets: [...secrets, restricted.key],
    });
    const denied = await client.chat.completions
      .create({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }] })
      .catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(OpenAI.PermissionDeniedError);
  });

  it("lets a key limited to 'deepseek/*' use that provider's models only, and lists only those", async () => {
    const wide = await issueTenantKey(gw.url, `bad-input-wildcard-${door}`, {
      allowedModels: ["deepseek/*"],
    });
    const client = new OpenAI({ apiKey: wide.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
    const ok = await client.chat.completions.create({
      model: "deepseek/deepseek-chat",
      messages: [{ role: "user", content: "hi" }],
    });
    expect(ok.choices[0]!.message.content).toBeTruthy();
    const listed = (await client.models.list()).data.map((m) => m.id);
    expect(listed).toContain("deepseek/deepseek-chat");
    expect(listed.filter((id) => id.includes("/") && !id.startsWith("deepseek/"))).toEqual([]);
    const denied = await client.chat.completions
      .create({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "hi" }] })
      .catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(OpenAI.PermissionDeniedError);
  });

  it("passes an upstream context_length_exceeded back as a 400 after exactly one upstream call", async () => {
    const client = new OpenAI({ apiKey: key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
    // Every provider would refuse the same way; a gateway that "fails over" would call several.
    const fault = sim.control.setFault({
      match: {},
      ...PROVIDER_ERRORS.openai.contextLengthExceeded,
    });
    const before = sim.control.stats().total;
    try {
      const err = await client.chat.completions
        .create({ model: "auto", messages: [{ role: "user", content: "a very long prompt" }] })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(err).toBeInstanceOf(OpenAI.BadRequestError);
      const apiErr = err as InstanceType<typeof OpenAI.BadRequestError>;
      expect(apiErr.status).toBe(400);
      expect(apiErr.message).toMatch(/maximum context length/);
      // The caller can tell which client error it was.
      expect(JSON.stringify(apiErr.error)).toContain("context_length_exceeded");
      expect(apiErr.headers.get("x-request-id")).toMatch(/^req_/);
      expectNoInternals(JSON.stringify(apiErr.error), secrets);
      expect(sim.control.stats().total - before).toBe(1);
    } finally {
      sim.control.clearFault(fault);
    }
  });
});
