import { describe, expect, it } from "vitest";
import { usageEvent, type UsageEvent } from "./usage-event";

const base: UsageEvent = {
  requestId: "req_1",
  tenantId: "t",
  apiKeyId: "k",
  modelRequested: "auto",
  providerId: null,
  deploymentId: null,
  credentialId: null,
  upstreamModel: null,
  promptTokens: 1,
  completionTokens: 2,
  cachedTokens: 0,
  tokensEstimated: false,
  upstreamCostPicos: 3,
  billedPicos: 4,
  latencyMs: 5,
  ttfbMs: null,
  httpStatus: 200,
  errorClass: null,
  attempts: 1,
  streamed: false,
  createdAt: 1_700_000_000_000,
};

describe("usageEvent", () => {
  it("keeps a valid event unchanged", () => {
    expect(usageEvent(base)).toEqual(base);
  });

  it("makes a hostile model name a bounded label Postgres can store", () => {
    const e = usageEvent({ ...base, modelRequested: "a\u0000b\ud800" + "x".repeat(5000) });
    expect(e.modelRequested.startsWith("a\ufffdb\ufffd")).toBe(true);
    expect(e.modelRequested.length).toBe(200);
  });

  it("clamps counts and money to what their columns hold", () => {
    const e = usageEvent({
      ...base,
      promptTokens: -3,
      completionTokens: Number.NaN,
      cachedTokens: 1.7,
      latencyMs: 1e12,
      upstreamCostPicos: 1e300,
      createdAt: Number.NaN,
    });
    expect(e.promptTokens).toBe(0);
    expect(e.completionTokens).toBe(0);
    expect(e.cachedTokens).toBe(1);
    expect(e.latencyMs).toBe(2_147_483_647);
    expect(e.upstreamCostPicos).toBe(Number.MAX_SAFE_INTEGER);
    expect(Number.isFinite(e.createdAt)).toBe(true);
  });
});
