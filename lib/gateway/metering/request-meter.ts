import type { Logger } from "pino";
import { ApiError } from "@/lib/errors";
import { messagesText, type ChatCompletionRequest } from "@/lib/gateway/chat-request";
import type { TokenUsage } from "@/lib/gateway/providers/types";
import type { Candidate } from "@/lib/gateway/router/rank-candidates";
import type { TenantKey } from "@/lib/gateway/keys/tenant-key";
import { countTokens } from "./count-tokens";
import type { RequestLabels } from "./request-labels";
import { priceUsage } from "./usage-money";
import { usageEvent, type UsageEvent, type UsageSink } from "./usage-event";

const NO_TOKENS: TokenUsage = { promptTokens: 0, completionTokens: 0, cachedTokens: 0 };

/** How a request that reached an upstream ended, as the meter records it. */
export interface ServedOutcome {
  candidate: Candidate;
  /** Tokens the upstream reported; null or undefined when it reported none (we count them). */
  reported: TokenUsage | null | undefined;
  /** The text relayed so far, counted when the upstream reported no usage. */
  completionText: () => string;
  /** 200, or 499 when the client went away first. */
  httpStatus: number;
  /** Set when the answer failed after it started (mid-stream), or the client left. */
  errorClass: string | null;
  /** Milliseconds from the request's start to its first byte out, when there was one. */
  ttfbMs: number | null;
  /** Upstream attempts, failovers included. */
  attempts: number;
}

/**
 * The meter of one authenticated request: it builds the request's usage event (tokens,
 * money via `priceUsage`, status) and hands it to the sink exactly once, whichever of
 * `served` or `failed` is called first; later calls are ignored. Limits learn the real
 * usage through the settle hook at the same moment.
 */
export class RequestMeter {
  private recorded = false;
  private request: ChatCompletionRequest | undefined;
  private settle: ((usage: TokenUsage, billedPicos?: number) => void) | undefined;

  constructor(
    private readonly sink: UsageSink,
    private readonly log: Logger,
    private readonly key: TenantKey,
    readonly requestId: string,
    /** Epoch milliseconds. */
    readonly startedAt: number,
    /** Minimum margin over upstream cost the billed price is raised to, basis points. */
    private readonly minMarginBps = 0,
  ) {}

  private labels: RequestLabels = { endUser: null, tags: [] };

  /** The caller's end user and tags, for spend by end user and by tag. */
  label(labels: RequestLabels): void {
    this.labels = labels;
  }

  /** The parsed request, once it parsed: its model and stream flag go on the event. */
  describe(request: ChatCompletionRequest): void {
    this.request = request;
  }

  /** Told the final token usage (the limits' true-up). */
  onSettle(settle: (usage: TokenUsage, billedPicos?: number) => void): void {
    this.settle = settle;
  }

  /** A request an upstream answered (fully, cut by the client, or failed mid-stream). */
  served(outcome: ServedOutcome): void {
    if (this.recorded) return;
    this.recorded = true;
    const work = this.recordServed(outcome);
    this.sink.track?.(work);
  }

  /** A request that ended before any upstream answered: the error the caller got. */
  failed(err: unknown, attempts: number): void {
    if (this.recorded) return;
    this.recorded = true;
    const status = err instanceof ApiError ? err.status : 500;
    this.emit(NO_TOKENS, false, null, {
      httpStatus: status,
      errorClass: err instanceof ApiError ? err.code : "internal_error",
      ttfbMs: null,
      attempts,
    });
  }

  private async recordServed(o: ServedOutcome): Promise<void> {
    let usage: TokenUsage;
    let estimated = false;
    if (o.reported) usage = o.reported;
    else {
      estimated = true;
      try {
        usage = {
          promptTokens: await countTokens(this.request ? messagesText(this.request.messages) : ""),
          completionTokens: await countTokens(o.completionText()),
          cachedTokens: 0,
        };
      } catch (err) {
        // Counting failed (the tokenizer would not load): still one row, with no tokens.
        this.log.error(
          { requestId: this.requestId, err: (err as Error).message },
          "token count failed",
        );
        usage = NO_TOKENS;
      }
    }
    this.emit(usage, estimated, o.candidate, {
      httpStatus: o.httpStatus,
      errorClass: o.errorClass,
      ttfbMs: o.ttfbMs,
      attempts: o.attempts,
    });
  }

  private emit(
    usage: TokenUsage,
    estimated: boolean,
    candidate: Candidate | null,
    end: Pick<UsageEvent, "httpStatus" | "errorClass" | "ttfbMs" | "attempts">,
  ): void {
    const { prices, ...money } = priceUsage(
      usage,
      candidate?.deployment ?? null,
      this.key,
      this.minMarginBps,
    );
    const event = usageEvent({
      requestId: this.requestId,
      tenantId: this.key.tenantId,
      apiKeyId: this.key.keyId,
      modelRequested: this.request?.model ?? "",
      providerId: candidate?.provider.id ?? null,
      deploymentId: candidate?.deployment.id ?? null,
      credentialId: candidate?.credential.id ?? null,
      upstreamModel: candidate?.deployment.model ?? null,
      promptTokens: usage.promptTokens,
      completionTokens: usage.completionTokens,
      cachedTokens: usage.cachedTokens,
      tokensEstimated: estimated,
      ...money,
      cacheWriteTokens: usage.cacheWriteTokens ?? 0,
      prices,
      endUser: this.labels.endUser,
      tags: this.labels.tags,
      latencyMs: Date.now() - this.startedAt,
      streamed: this.request?.stream === true,
      createdAt: this.startedAt,
      ...end,
    });
    try {
      this.settle?.(usage, money.billedPicos);
    } catch (err) {
      this.log.error(
        { requestId: this.requestId, err: (err as Error).message },
        "limits settle failed",
      );
    }
    this.sink.record(event);
  }
}
