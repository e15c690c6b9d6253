/**
 * A request that came in through the Anthropic Messages API carries its original body
 * and Anthropic headers under this symbol, so that when it is routed to Anthropic it is
 * sent as the caller wrote it (cache_control, thinking, server features and betas kept)
 * instead of through the OpenAI round trip. A symbol key never reaches JSON, so other
 * providers never see it.
 */
export const NATIVE_ANTHROPIC = Symbol("nativeAnthropic");

export interface NativeAnthropic {
  /** The caller's Messages body, as parsed. */
  body: Record<string, unknown>;
  /** `anthropic-version` and `anthropic-beta` as the caller sent them. */
  headers: Record<string, string>;
}

/** The caller's Anthropic body carried by a request, if it came in as one. */
export function nativeAnthropicOf(request: object): NativeAnthropic | undefined {
  return (request as { [NATIVE_ANTHROPIC]?: NativeAnthropic })[NATIVE_ANTHROPIC];
}

/**
 * The caller's body for the upstream: Anthropic accepts a turn's `content` as a string or
 * as blocks, and the input rules (normalize-upstream-body.ts) read blocks only, so a
 * string becomes its one text block. Nothing else changes.
 */
export function nativeBodyFor(
  native: NativeAnthropic,
  upstreamModel: string,
  stream: boolean,
): Record<string, unknown> {
  const messages = Array.isArray(native.body.messages)
    ? native.body.messages.map((m: unknown) =>
        typeof m === "object" &&
        m !== null &&
        typeof (m as { content?: unknown }).content === "string"
          ? { ...m, content: [{ type: "text", text: (m as { content: string }).content }] }
          : m,
      )
    : native.body.messages;
  return { ...native.body, messages, model: upstreamModel, stream: stream || undefined };
}
