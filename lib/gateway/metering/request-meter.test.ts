import pino from "pino";
import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/errors";
import { NO_LIMIT_SET } from "@/lib/gateway/limits/limit-rules";
import type { Candidate } from "@/lib/gateway/router/rank-candidates";
import type { TenantKey } from "@/lib/gateway/keys/tenant-key";
import { meteredChat } from "./metered-request";
import { RequestMeter } from "./request-meter";
import type { UsageEvent } from "./usage-event";

const key: TenantKey = {
  keyId: "k",
  tenantId: "t",
  hash: "h",
  allowedModels: [],
  requestsPerMinute: null,
  tokensPerMinute: null,
  plan: { id: "p", name: "p", overagePricePer1MMicros: 1_000_000 },
  expiresAt: null,
  revoked: false,
  tenantActive: true,
  limits: {
    key: NO_LIMIT_SET,
    tenant: NO_LIMIT_SET,
    includedTokens: 0,
    overagePricePer1MMicros: 1_000_000,
  },
};
const candidate = {
  provider: { id: "deepseek" },
  credential: { id: "c1" },
  deployment: {
    id: "d1",
    model: "deepseek-chat",
    inputPricePer1MMicros: 100,
    outputPricePer1MMicros: 200,
    cachedInputPricePer1MMicros: null,
  },
} as unknown as Candidate;

function meter(flaws: { key: string; fields: Record<string, unknown> }[] = []) {
  const events: UsageEvent[] = [];
  const settled: number[] = [];
  const m = new RequestMeter(
    { record: (e) => events.push(e) },
    pino({ level: "silent" }),
    key,
    "req_1",
    Date.now(),
    { flawLog: { record: (key, fields) => flaws.push({ key, fields }) } },
  );
  m.onSettle((u) => settled.push(u.promptTokens + u.completionTokens));
  return { m, events, settled };
}

describe("RequestMeter", () => {
  it("records a served request once, with its money, whatever is called after", async () => {
    const { m, events, settled } = meter();
    m.describe(meteredChat({ model: "auto", messages: [{ role: "user", content: "hi" }] }));
    const outcome = {
      candidate,
      reported: { promptTokens: 3, completionTokens: 2, cachedTokens: 0 },
      completionText: () => "",
      complete: true,
      httpStatus: 200,
      errorClass: null,
      ttfbMs: 5,
      attempts: 1,
    };
    m.served(outcome);
    m.served(outcome);
    m.failed(new Error("late"), 1);
    await Promise.resolve();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      requestId: "req_1",
      providerId: "deepseek",
      upstreamCostPicos: 3 * 100 + 2 * 200,
      billedPicos: 5 * 1_000_000,
      httpStatus: 200,
    });
    expect(settled).toEqual([5]);
  });

  it("records a refused request with the caller's status and no money", () => {
    const { m, events, settled } = meter();
    m.failed(new ApiError("model_not_found", "no"), 0);
    expect(events).toEqual([
      expect.objectContaining({
        httpStatus: 400,
        errorClass: "model_not_found",
        billedPicos: 0,
        providerId: null,
        modelRequested: "",
      }),
    ]);
    expect(settled).toEqual([0]);
  });

  it("counts tokens itself when the upstream reported none", async () => {
    const { m, events } = meter();
    m.describe(
      meteredChat({ model: "auto", messages: [{ role: "user", content: "hello there" }] }),
    );
    m.served({
      candidate,
      reported: null,
      completionText: () => "general kenobi",
      complete: false,
      httpStatus: 499,
      errorClass: "client_closed",
      ttfbMs: null,
      attempts: 1,
    });
    await expect.poll(() => events.length, { timeout: 15_000 }).toBe(1);
    expect(events[0]!.tokensEstimated).toBe(true);
    expect(events[0]!.completionTokens).toBeGreaterThan(0);
  });

  it("bills a cut stream's output from the text received when the provider reported the prompt alone", async () => {
    const { m, events, settled } = meter();
    m.describe(
      meteredChat({ model: "auto", messages: [{ role: "user", content: "hello there" }] }),
    );
    m.served({
      candidate,
      // Gemini's mid-stream usageMetadata: the prompt count, no candidates count yet.
      reported: { promptTokens: 7, completionTokens: 0, cachedTokens: 0 },
      completionText: () => "one two three four five six seven eight",
      complete: false,
      httpStatus: 499,
      errorClass: "client_closed",
      ttfbMs: 3,
      attempts: 1,
    });
    await expect.poll(() => events.length, { timeout: 15_000 }).toBe(1);
    expect(events[0]).toMatchObject({
      promptTokens: 7,
      completionTokens: 8,
      tokensEstimated: true,
    });
    expect(events[0]!.upstreamCostPicos).toBe(7 * 100 + 8 * 200);
    expect(settled).toEqual([15]);
  });

  it("keeps the provider's output figure on a cut stream when it is above the count", async () => {
    const { m, events } = meter();
    m.describe(meteredChat({ model: "auto", messages: [{ role: "user", content: "hi" }] }));
    m.served({
      candidate,
      reported: { promptTokens: 4, completionTokens: 50, cachedTokens: 0 },
      completionText: () => "short",
      complete: false,
      httpStatus: 502,
      errorClass: "server_error",
      ttfbMs: 3,
      attempts: 1,
    });
    await expect.poll(() => events.length, { timeout: 15_000 }).toBe(1);
    expect(events[0]).toMatchObject({ promptTokens: 4, completionTokens: 50 });
  });

  it.each([
    ["negative", -40],
    ["fractional", 2.5],
    ["absurd", 5_000_000_000],
    ["NaN", Number.NaN],
  ])(
    "replaces a %s output figure by the counted one, marks it estimated and logs it per deployment",
    async (_name, figure) => {
      const flaws: { key: string; fields: Record<string, unknown> }[] = [];
      const { m, events, settled } = meter(flaws);
      m.describe(
        meteredChat({
          model: "auto",
          messages: [{ role: "user", content: "hi" }],
          max_tokens: 100,
        }),
      );
      m.served({
        candidate,
        reported: { promptTokens: 9, completionTokens: figure, cachedTokens: 0 },
        completionText: () => "alpha beta gamma",
        complete: true,
        httpStatus: 200,
        errorClass: null,
        ttfbMs: 3,
        attempts: 1,
      });
      await expect.poll(() => events.length, { timeout: 15_000 }).toBe(1);
      expect(events[0]).toMatchObject({
        promptTokens: 9,
        completionTokens: 3,
        tokensEstimated: true,
      });
      expect(events[0]!.upstreamCostPicos).toBe(9 * 100 + 3 * 200);
      expect(events[0]!.billedPicos).toBe(12 * 1_000_000);
      expect(settled).toEqual([12]);
      expect(flaws).toEqual([
        {
          key: "impossible-usage:d1",
          fields: expect.objectContaining({ impossible: ["completionTokens"], deploymentId: "d1" }),
        },
      ]);
    },
  );
});
