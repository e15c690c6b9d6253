/**
 * The gateway core speaks only these two shapes, so any transport (Next.js route
 * handlers, the product's own node:http server, a benchmark harness) can drive it.
 */
export interface GatewayRequest {
  method: string;
  /** Path without the query string, e.g. `/v1/chat/completions`. */
  path: string;
  /** Lower-case header lookup. */
  header(name: string): string | undefined;
  /** Raw body bytes, already bounded by the door (see MAX_BODY_BYTES). */
  body: Uint8Array | null;
  /** Fires when the client goes away. */
  signal: AbortSignal;
}

export type GatewayBody = string | AsyncIterable<Uint8Array>;

export interface GatewayResponse {
  status: number;
  headers: Record<string, string>;
  body: GatewayBody;
}

/** Largest request body the gateway accepts; larger ones get a 413. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
