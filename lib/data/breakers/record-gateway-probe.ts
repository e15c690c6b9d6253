import { getPrisma } from "@/lib/db";

export interface GatewayProbeRow {
  scopeKey: string;
  providerId: string;
  credentialId: string;
  /** `provider/model` asked. */
  model: string;
  /** Upstream status; null when no answer came. */
  httpStatus: number | null;
  errorClass: string | null;
  promptTokens: number;
  completionTokens: number;
  /** Exact upstream cost, pico-dollars. */
  upstreamCostPicos: number;
  latencyMs: number;
}

/** Stores one timer probe and what it cost the gateway (never a tenant's usage row). */
export async function recordGatewayProbe(row: GatewayProbeRow): Promise<void> {
  await getPrisma().gatewayProbe.create({
    data: { ...row, upstreamCostPicos: BigInt(row.upstreamCostPicos) },
  });
}
