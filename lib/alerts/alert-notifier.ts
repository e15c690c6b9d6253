import type { Logger } from "pino";
import { sanitizeMessage } from "@/lib/gateway/errors/classify-upstream-error";
import { AlertDedupe } from "./alert-dedupe";
import { undiciWebhookPost, type WebhookPost } from "./webhook-post";

export type { WebhookPost } from "./webhook-post";

export type AlertKind =
  | "breaker_opened"
  | "breaker_quarantined"
  | "provider_down"
  | "provider_recovered"
  | "no_provider_available"
  | "rate_limit_persistent"
  | "budget_threshold"
  | "usage_meter_unwritable";

export interface Alert {
  kind: AlertKind;
  /** One readable line built from labels and last4 only; it is redacted again here all the same. */
  text: string;
  /** Ids, labels, classes, counts: merged into the webhook body and stored as the row's payload. */
  details: Record<string, unknown>;
  /** Alerts sharing a key within the dedupe window go out once. Defaults to kind + text. */
  dedupeKey?: string;
}

/** What the store receives: already redacted and JSON-safe. */
export interface NewAlertRecord {
  kind: AlertKind;
  message: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}

export interface AlertDelivery {
  attempts: number;
  deliveredAt?: Date;
  lastError?: string;
}

export interface AlertStore {
  create(input: NewAlertRecord): Promise<bigint>;
  markDelivery(id: bigint, delivery: AlertDelivery): Promise<void>;
}

export interface AlertNotifierOptions {
  /** A URL, or a function read at each delivery (a URL changed in the dashboard applies without a restart). */
  webhookUrl?: string | (() => Promise<string | undefined>);
  store: AlertStore;
  log: Logger;
  post?: WebhookPost;
  retryDelaysMs?: number[];
  dedupeWindowMs?: number;
  now?: () => number;
  /** Deliveries under way past this are dropped (and logged): a burst of distinct alerts must not pile up. */
  maxInFlight?: number;
  /** How long close() waits for deliveries under way. */
  closeTimeoutMs?: number;
}

const DEFAULT_RETRY_DELAYS_MS = [1_000, 5_000, 25_000];
const DEFAULT_DEDUPE_WINDOW_MS = 5 * 60_000;

/**
 * Raises operator alerts: a row for the dashboard, and a POST to the webhook when one
 * is configured (JSON with a Slack-compatible `text`). Called from the gateway's hot
 * path, so notify() returns at once and nothing it does can throw into the caller or
 * make a request wait; storage and delivery run in the background.
 */
export class AlertNotifier {
  private readonly webhookUrl: () => Promise<string | undefined>;
  private readonly store: AlertStore;
  private readonly log: Logger;
  private readonly post: WebhookPost;
  private readonly retryDelaysMs: readonly number[];
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly maxInFlight: number;
  private readonly closeTimeoutMs: number;
  private readonly dedupe: AlertDedupe;
  private readonly inFlight = new Set<Promise<void>>();
  /** Pending retry waits: the timer and the resolver that wakes the delivery as cancelled. */
  private readonly waits = new Map<NodeJS.Timeout, (proceed: boolean) => void>();
  private closed = false;

  constructor(opts: AlertNotifierOptions) {
    const url = opts.webhookUrl;
    this.webhookUrl = typeof url === "function" ? url : async () => url || undefined;
    this.store = opts.store;
    this.log = opts.log;
    this.post = opts.post ?? undiciWebhookPost;
    this.retryDelaysMs = opts.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    this.windowMs = opts.dedupeWindowMs ?? DEFAULT_DEDUPE_WINDOW_MS;
    this.now = opts.now ?? Date.now;
    this.maxInFlight = opts.maxInFlight ?? 100;
    this.closeTimeoutMs = opts.closeTimeoutMs ?? 6_000;
    this.dedupe = new AlertDedupe(this.windowMs);
  }

  notify(alert: Alert): void {
    try {
      this.accept(alert);
    } catch (err) {
      this.log.error({ kind: alert?.kind, err: describeError(err) }, "alert could not be raised");
    }
  }

  /** Cancels pending retries and waits (bounded) for deliveries under way. Later alerts are dropped. */
  async close(): Promise<void> {
    this.closed = true;
    for (const [timer, wake] of this.waits) {
      clearTimeout(timer);
      wake(false);
    }
    this.waits.clear();
    if (this.inFlight.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.closeTimeoutMs);
      timer.unref();
    });
    await Promise.race([Promise.allSettled([...this.inFlight]), timeout]);
    clearTimeout(timer);
  }

  private accept(alert: Alert): void {
    if (this.closed) {
      this.log.warn({ kind: alert.kind }, "alert raised after the notifier was closed; dropped");
      return;
    }
    // Checked before dedupe, so a dropped alert does not silence the next one for its key.
    if (this.inFlight.size >= this.maxInFlight) {
      this.log.warn(
        { kind: alert.kind, inFlight: this.inFlight.size },
        "too many alerts under way; alert dropped",
      );
      return;
    }
    const at = this.now();
    const suppressed = this.dedupe.admit(alert.dedupeKey ?? `${alert.kind}:${alert.text}`, at);
    if (suppressed === null) return;
    const record = this.buildRecord(alert, at, suppressed);
    const delivery: Promise<void> = this.deliver(record)
      .catch((err: unknown) =>
        this.log.error({ kind: alert.kind, err: describeError(err) }, "alert delivery failed"),
      )
      .finally(() => this.inFlight.delete(delivery));
    this.inFlight.add(delivery);
  }

  private buildRecord(alert: Alert, at: number, suppressed: number): NewAlertRecord {
    let message = redactText(alert.text);
    if (suppressed > 0)
      message += ` (+${suppressed} similar in the last ${formatWindow(this.windowMs)})`;
    // The fields the body itself defines win over same-named details.
    const {
      text: _text,
      kind: _kind,
      alertId: _alertId,
      createdAt: _createdAt,
      ...rest
    } = alert.details;
    const payload = toJsonObject(rest);
    if (suppressed > 0) payload.suppressed = suppressed;
    return { kind: alert.kind, message, payload, createdAt: new Date(at) };
  }

  private async deliver(record: NewAlertRecord): Promise<void> {
    let id: bigint | undefined;
    try {
      id = await this.store.create(record);
    } catch (err) {
      // The webhook still goes out: an operator hears about the outage even when the database is part of it.
      this.log.error({ kind: record.kind, err: describeError(err) }, "alert could not be stored");
    }
    const alertId = id?.toString() ?? null;
    this.log.warn(
      { kind: record.kind, alertId, ...pick(record.payload, "suppressed") },
      "alert raised",
    );
    const webhookUrl = await this.webhookUrl().catch(() => undefined);
    if (!webhookUrl) return;

    const body = JSON.stringify({
      text: record.message,
      kind: record.kind,
      ...record.payload,
      alertId,
      createdAt: record.createdAt.toISOString(),
    });
    for (let attempt = 1; ; attempt++) {
      const lastError = await this.attempt(webhookUrl, body);
      if (lastError === undefined) {
        await this.mark(id, { attempts: attempt, deliveredAt: new Date(this.now()) });
        return;
      }
      await this.mark(id, { attempts: attempt, lastError });
      const delay = this.retryDelaysMs[attempt - 1];
      if (delay === undefined) {
        this.log.error(
          { kind: record.kind, alertId, attempts: attempt, lastError },
          "alert webhook gave up",
        );
        return;
      }
      this.log.warn(
        { kind: record.kind, alertId, attempts: attempt, lastError, retryInMs: delay },
        "alert webhook attempt failed",
      );
      if (!(await this.wait(delay))) return;
    }
  }

  /** undefined when delivered; otherwise why not, without the URL (a Slack webhook URL is itself a secret). */
  private async attempt(url: string, body: string): Promise<string | undefined> {
    try {
      const { status } = await this.post(url, body);
      return status >= 200 && status < 300 ? undefined : `HTTP ${status}`;
    } catch (err) {
      return describeError(err);
    }
  }

  private async mark(id: bigint | undefined, delivery: AlertDelivery): Promise<void> {
    if (id === undefined) return;
    try {
      await this.store.markDelivery(id, delivery);
    } catch (err) {
      this.log.error(
        { alertId: id.toString(), err: describeError(err) },
        "alert delivery could not be recorded",
      );
    }
  }

  /** Resolves true after `ms`, or false at once when close() cancels it. */
  private wait(ms: number): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waits.delete(timer);
        resolve(true);
      }, ms);
      // A retry must not keep a process alive that is otherwise done.
      timer.unref();
      this.waits.set(timer, resolve);
    });
  }
}

/** One line, with anything key-like removed, whatever the caller put in. */
export function redactText(text: string): string {
  return sanitizeMessage(
    String(text)
      .replace(/\s*[\r\n]+\s*/g, " ")
      .trim(),
  );
}

/** BigInt ids become strings; values JSON cannot hold are dropped rather than failing the alert. */
function toJsonObject(details: Record<string, unknown>): Record<string, unknown> {
  try {
    const json = JSON.stringify(details, (_k, v: unknown) =>
      typeof v === "bigint" ? v.toString() : v,
    );
    const parsed: unknown = json === undefined ? {} : JSON.parse(json);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return { detailsUnserializable: true };
  }
}

function pick(obj: Record<string, unknown>, key: string): Record<string, unknown> {
  return key in obj ? { [key]: obj[key] } : {};
}

function formatWindow(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms % 1_000 === 0) return `${ms / 1_000} s`;
  return `${ms} ms`;
}

function describeError(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return sanitizeMessage(
      typeof code === "string" ? `${code}: ${err.message}` : err.message || err.name,
    );
  }
  return sanitizeMessage(String(err));
}
