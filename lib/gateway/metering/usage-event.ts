/** One metered request, as the gateway hands it to the meter. */
export interface UsageEvent {
  requestId: string;
  tenantId: string;
  apiKeyId: string;
  modelRequested: string;
  providerId: string | null;
  deploymentId: string | null;
  credentialId: string | null;
  upstreamModel: string | null;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  tokensEstimated: boolean;
  upstreamCostPicos: number;
  billedPicos: number;
  latencyMs: number;
  ttfbMs: number | null;
  httpStatus: number;
  errorClass: string | null;
  attempts: number;
  streamed: boolean;
  /** Epoch milliseconds. */
  createdAt: number;
}

export interface UsageSink {
  record(event: UsageEvent): void;
}
