import type { Logger } from "pino";
import { ApiError } from "@/lib/errors";
import type { TokenUsage } from "@/lib/gateway/providers/types";
import type { Candidate } from "@/lib/gateway/router/rank-candidates";
import type { TenantKey } from "@/lib/gateway/keys/tenant-key";
import { countTokens } from "./count-tokens";
import type { MeteredRequest } from "./metered-request";
import { needsCount, normalizeUsage, usageCeiling, type NormalizedUsage } from "./normalize-usage";
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
  /**
   * The answer ended as the provider meant it to (its end marker arrived), so its last
   * usage is final; false for a stream cut by the client, the server or a failure.
   */
  complete: boolean;
  /** 200, or 499 when the client went away first. */
  httpStatus: number;
  /** Set when the answer failed after it started (mid-stream), or the client left. */
  errorClass: string | null;
  /** Milliseconds from the request's start to its first byte out, when there was one. */
  ttfbMs: number | null;
  /** Upstream attempts, failovers included. */
  attempts: number;
}

/** Where impossible usage figures are logged, collapsed (see CollapsingFailureLog). */
export interface UsageFlawLog {
  record(key: string, fields: Record<string, unknown>, msg: string): void;
}

export interface MeterOptions {
  /** Minimum margin over upstream cost the billed price is raised to, basis points. */
  minMarginBps?: number;
  /** Output tokens a request without `max_tokens` may use (`GATEWAY_DEFAULT_MAX_TOKENS`). */
  defaultMaxTokens?: number;
  /** Collapses impossible-usage lines per deployment; without it they go to `log`, once each. */
  flawLog?: UsageFlawLog;
  /** Which API the request came in by (`chat`, `messages`, `responses`, `embeddings`); `chat` when unset. */
  api?: string;
}

/**
 * The meter of one authenticated request: it builds the request's usage event (tokens,
 * money via `priceUsage`, status) and hands it to the sink exactly once, whichever of
 * `served` or `failed` is called first; later calls are ignored. Limits learn the real
 * usage through the settle hook at the same moment.
 */
export class RequestMeter {
  private recorded = false;
  private request: MeteredRequest | undefined;
  private settle: ((usage: TokenUsage, billedPicos?: number) => void) | undefined;

  constructor(
    private readonly sink: UsageSink,
    private readonly log: Logger,
    private readonly key: TenantKey,
    readonly requestId: string,
    /** Epoch milliseconds. */
    readonly startedAt: number,
    private readonly options: MeterOptions = {},
  ) {}

  private labels: RequestLabels = { endUser: null, tags: [] };

  /** The caller's end user and tags, for spend by end user and by tag. */
  label(labels: RequestLabels): void {
    this.labels = labels;
  }

  /** The parsed request, once it parsed: its model and stream flag go on the event. */
  describe(request: MeteredRequest): void {
    this.request = request;
  }

  /** Told the final token usage (the limits' true-up). */
  onSettle(settle: (usage: TokenUsage, billedPicos?: number) => void): void {
    this.settle = settle;
  }

  /**
   * A request an upstream answered (fully, cut by the client, or failed mid-stream).
   * Resolves with the usage recorded (null when the request was already recorded), for an
   * answer that states the gateway's count when the upstream reported none.
   */
  served(outcome: ServedOutcome): Promise<TokenUsage | null> {
    if (this.recorded) return Promise.resolve(null);
    this.recorded = true;
    const work = this.recordServed(outcome);
    this.sink.track?.(work.then(() => undefined));
    // Most callers ignore the answer: a failure here is the tracked work's to report.
    return work.catch(() => null);
  }

  /**
   * A request refused because the meter can write nowhere: nothing is recorded (the
   * meter is what refuses), and the limits get their reservation back.
   */
  withdraw(): void {
    if (this.recorded) return;
    this.recorded = true;
    this.settle?.(NO_TOKENS, 0);
  }

  /**
   * A request that ended before any upstream answered: the error the caller got, and
   * `trail`, each credential tried or skipped (the request log's detail; null: none).
   */
  failed(err: unknown, attempts: number, trail: string | null = null): void {
    if (this.recorded) return;
    this.recorded = true;
    const status = err instanceof ApiError ? err.status : 500;
    this.emit(NO_TOKENS, false, null, {
      httpStatus: status,
      errorClass: err instanceof ApiError ? err.code : "internal_error",
      ttfbMs: null,
      attempts,
      ...(trail ? { failoverTrail: trail } : {}),
    });
  }

  private async recordServed(o: ServedOutcome): Promise<TokenUsage> {
    const request = this.request;
    const window = o.candidate.deployment.contextWindow;
    const ceiling = usageCeiling(
      window === null ? null : window * (request?.inputs ?? 1),
      request?.maxOutputTokens,
      this.options.defaultMaxTokens ?? 1024,
    );
    // Counting is done once, at the end, and only when the provider's figures cannot be
    // taken as they are: none came, the stream was cut, or one of them is impossible.
    let counted: TokenUsage | null = null;
    if (needsCount(o.reported, o.complete, ceiling)) {
      try {
        counted = {
          promptTokens: request ? await request.countPromptTokens() : 0,
          completionTokens: await countTokens(o.completionText()),
          cachedTokens: 0,
        };
      } catch (err) {
        // Counting failed (the tokenizer would not load): still one row, with what is known.
        this.log.error(
          { requestId: this.requestId, err: (err as Error).message },
          "token count failed",
        );
      }
    }
    const normalized = normalizeUsage({
      reported: o.reported,
      counted,
      complete: o.complete,
      ceiling,
    });
    if (normalized.impossible.length > 0) this.logImpossible(o, normalized, ceiling);
    this.emit(normalized.usage, normalized.estimated, o.candidate, {
      httpStatus: o.httpStatus,
      errorClass: o.errorClass,
      ttfbMs: o.ttfbMs,
      attempts: o.attempts,
    });
    return normalized.usage;
  }

  /** One line per deployment and interval with a count, never one per request. */
  private logImpossible(o: ServedOutcome, normalized: NormalizedUsage, ceiling: number): void {
    const { raw, ...figures } = o.reported ?? {};
    const fields = {
      providerId: o.candidate.provider.id,
      deploymentId: o.candidate.deployment.id,
      impossible: normalized.impossible,
      reported: figures,
      ...(raw ? { raw } : {}),
      ceiling,
      billed: normalized.usage,
      requestId: this.requestId,
    };
    const msg = "upstream reported impossible token usage; billed the counted figures instead";
    const key = `impossible-usage:${o.candidate.deployment.id}`;
    if (this.options.flawLog) this.options.flawLog.record(key, fields, msg);
    else this.log.warn(fields, msg);
  }

  private emit(
    usage: TokenUsage,
    estimated: boolean,
    candidate: Candidate | null,
    end: Pick<UsageEvent, "httpStatus" | "errorClass" | "ttfbMs" | "attempts" | "failoverTrail">,
  ): void {
    const { prices, ...money } = priceUsage(
      usage,
      candidate?.deployment ?? null,
      this.key,
      this.options.minMarginBps ?? 0,
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
      api: this.options.api ?? "chat",
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
