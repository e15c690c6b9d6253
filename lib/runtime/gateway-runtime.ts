import path from "node:path";
import { SecretBox } from "@/lib/crypto/secret-box";
import { loadCatalog } from "@/lib/data/catalog/load-catalog";
import { findKeyByHash } from "@/lib/data/keys/find-key-by-hash";
import { listKeyHashes } from "@/lib/data/keys/list-key-hashes";
import { IssuedKeyFilter } from "@/lib/gateway/keys/issued-key-filter";
import { giveBackLimitLease } from "@/lib/data/limits/give-back-limit-lease";
import { takeLimitLease } from "@/lib/data/limits/take-limit-lease";
import { LeaseLimitGate } from "@/lib/gateway/limits/lease-limit-gate";
import { EMPTY_CATALOG, type Catalog } from "@/lib/gateway/catalog";
import { createGateway, type Gateway } from "@/lib/gateway/gateway";
import { breakerConfigFrom } from "@/lib/gateway/resilience/breaker-config";
import { UsageBuffer } from "@/lib/gateway/metering/usage-buffer";
import { UsageJournal } from "@/lib/gateway/metering/usage-journal";
import { PROVIDER_ADAPTERS } from "@/lib/gateway/providers/adapters";
import { createUpstreamClient, upstreamTimeoutsFrom } from "@/lib/gateway/upstream/upstream-client";
import { log } from "@/lib/log";
import { metrics } from "@/lib/observability/metrics";
import { KeyCache } from "@/lib/gateway/keys/key-cache";
import { AlertNotifier } from "@/lib/alerts/alert-notifier";
import { prismaAlertStore } from "@/lib/alerts/prisma-alert-store";
import { CollapsingFailureLog } from "@/lib/observability/failure-log";
import { alertWebhookUrl } from "./alert-webhook-url";
import { alertForBreaker, alertForNoProvider, alertForProviderChange } from "./breaker-alerts";
import { alertForMeter } from "./meter-alerts";
import { postgresUsageStore } from "./postgres-usage-store";
import { credentialNames } from "@/lib/gateway/credential-label";
import { BreakerService, type BreakerAlert } from "./breaker-service";
import { BreakerProber } from "./breaker-prober";
import { recordGatewayProbe } from "@/lib/data/breakers/record-gateway-probe";
import { ClusterEventListener, type ClusterEvent } from "@/lib/cluster/cluster-events";
import type { GatewayContext } from "./bootstrap";
import { gatewayContext, gatewayJobs, type RuntimeJobs } from "./process-gateway";
import { resolveBaseUrl } from "./provider-endpoints";
import { BudgetAlertWatcher } from "./budget-alerts";
import { InvoiceScheduler } from "./invoice-scheduler";
import { ProviderAttemptCounter } from "./provider-attempt-counter";
import { UsageRetention } from "./usage-retention";

export interface GatewayRuntime {
  gateway: Gateway;
  keys: KeyCache;
  meter: UsageBuffer;
  breakers: BreakerService;
  /** Seals provider keys added at run time with the instance key. */
  box: SecretBox;
  simulated: boolean;
  catalog(): Catalog;
  reloadCatalog(): Promise<void>;
  /**
   * Applies a change on this instance at once, as its cluster event will later: an
   * admin use-case calls it before answering, so its own instance never lags its answer.
   */
  apply(event: ClusterEvent): void;
  close(): Promise<void>;
}

/** How long after a failed load of the issued-key filter it is tried again (ms). */
const FILTER_RETRY_MS = 2_000;

/**
 * Builds the process's runtime from what the bootstrap found and started, and the jobs
 * the entry point handed in.
 */
export async function createRuntime(
  context: GatewayContext,
  jobs: RuntimeJobs,
): Promise<GatewayRuntime> {
  const { config, databaseUrl } = context;
  const logger = log();
  const simulated = config.simulated;
  const simulatorUrl = simulated ? context.simulatorUrl : undefined;
  if (simulated && !simulatorUrl)
    logger.warn("simulated providers requested but no simulator is running in this process");
  const box = new SecretBox(context.secrets.encryptionKey);

  let current: Catalog = EMPTY_CATALOG;
  const reloadCatalog = async () => {
    current = await loadCatalog({
      openSecret: (s) => box.open(s),
      baseUrlFor: (id, stored) => resolveBaseUrl(id, stored, config.providers, simulatorUrl),
      simulated,
    });
    metrics().catalogLoaded.set(Date.now() / 1000);
  };
  await reloadCatalog();

  const alerts = new AlertNotifier({
    webhookUrl: alertWebhookUrl(config.ALERT_WEBHOOK_URL),
    store: prismaAlertStore,
    log: logger,
  });
  const failureLog = new CollapsingFailureLog(logger);
  const breakerConfig = breakerConfigFrom(config);
  const breakers = new BreakerService(breakerConfig, logger, failureLog, {
    alert: (a: BreakerAlert) => alertForBreaker(alerts, a),
    providerChange: (change) => {
      if (!change.quiet) alertForProviderChange(alerts, change);
    },
    credentialsOf: (providerId) => credentialNames(current, providerId),
  });
  await breakers.load("startup");
  const attempts = new ProviderAttemptCounter(logger);

  // Declared before the listener exists: the filter only asks it to catch up once serving.
  const events: { listener?: ClusterEventListener } = {};
  const issued = new IssuedKeyFilter({
    loadAll: () => listKeyHashes(),
    caughtUp: () => events.listener?.caughtUp() ?? Promise.reject(new Error("not listening yet")),
  });
  let filterRetry: NodeJS.Timeout | undefined;
  // Postgres away at start or after a reconnect: the filter stays unsure (every key is
  // looked up, as without it) and is tried again until it loads.
  const loadIssued = (): void => {
    clearTimeout(filterRetry);
    issued.reload().catch((err: Error) => {
      logger.warn({ err: err.message }, "issued-key filter not loaded; retrying");
      filterRetry = setTimeout(loadIssued, FILTER_RETRY_MS);
      filterRetry.unref();
    });
  };
  const keys = new KeyCache(
    findKeyByHash,
    config.GATEWAY_KEY_CACHE_TTL_MS,
    undefined,
    undefined,
    undefined,
    issued,
  );
  const meter = new UsageBuffer({
    ...postgresUsageStore,
    journal: new UsageJournal({
      dir: path.join(config.GATEWAY_DATA_DIR, "usage-journal"),
      // What builds before the segmented journal left behind is replayed first.
      legacyFile: path.join(config.GATEWAY_DATA_DIR, "usage-journal.ndjson"),
      syncIntervalMs: config.GATEWAY_USAGE_JOURNAL_SYNC_MS,
      maxBytes: config.GATEWAY_USAGE_JOURNAL_MAX_BYTES,
    }),
    log: logger,
    intervalMs: config.GATEWAY_USAGE_FLUSH_MS,
    onAdmissionChange: (change) => alertForMeter(alerts, change),
  });
  meter.start();

  const onEvent = (event: ClusterEvent) => {
    switch (event.type) {
      case "key_revoked":
        keys.evictKey(event.hash);
        break;
      case "key_issued":
        keys.noteIssued(event.hash);
        break;
      case "key_rotated":
        keys.noteIssued(event.hash);
        keys.endSecret(event.previousHash, event.previousEndsAt);
        if (event.endedHash) keys.endSecret(event.endedHash, Date.now());
        break;
      case "key_changed":
        keys.evictKeyId(event.keyId);
        break;
      case "tenant_changed":
        keys.evictTenant(event.tenantId);
        break;
      case "catalog_changed":
        void reloadCatalog().catch((err: Error) =>
          logger.error({ err: err.message }, "catalog reload failed"),
        );
        break;
      case "breaker_changed":
        void breakers
          .onRemoteChange(event.scopeKey, event.manual)
          .catch((err: Error) => logger.error({ err: err.message }, "breaker reload failed"));
        break;
      case "resync":
        keys.expireAll();
        loadIssued();
        void breakers
          .load("newer")
          .catch((err: Error) => logger.error({ err: err.message }, "breaker reload failed"));
        void reloadCatalog().catch((err: Error) =>
          logger.error({ err: err.message }, "catalog reload failed"),
        );
        break;
      default: {
        const unreachable: never = event;
        return unreachable;
      }
    }
  };
  const listener = new ClusterEventListener(databaseUrl, onEvent, logger);
  events.listener = listener;
  await listener.start();
  // After LISTEN, so no key issued from here on is missed.
  loadIssued();

  const upstream = createUpstreamClient(upstreamTimeoutsFrom(config));
  // Started after the stored states are loaded: the timers resume from them.
  const prober = new BreakerProber({
    breakers,
    catalog: () => current,
    adapters: PROVIDER_ADAPTERS,
    upstream,
    config: breakerConfig,
    record: recordGatewayProbe,
    log: logger,
  });
  prober.start();
  const limits = new LeaseLimitGate({
    store: { take: takeLimitLease, giveBack: giveBackLimitLease },
    leaseFraction: config.GATEWAY_LIMIT_LEASE_PERCENT / 100,
    defaultMaxTokens: config.GATEWAY_DEFAULT_MAX_TOKENS,
  });
  const invoices = new InvoiceScheduler({
    databaseUrl,
    issueDue: jobs.issueDueInvoices,
    graceMs: config.GATEWAY_INVOICE_GRACE_HOURS * 3_600_000,
    log: logger,
  });
  invoices.start();
  const budgets = new BudgetAlertWatcher({
    alerts,
    log: logger,
    intervalMs: config.GATEWAY_BUDGET_CHECK_MS,
  });
  budgets.start();
  const retention = new UsageRetention({
    databaseUrl,
    retentionDays: config.GATEWAY_USAGE_RETENTION_DAYS,
    log: logger,
  });
  retention.start();
  const gateway = createGateway({
    authenticate: (raw) => keys.authenticate(raw),
    catalog: () => current,
    adapters: PROVIDER_ADAPTERS,
    upstream,
    meter,
    health: breakers,
    limits,
    minMarginBps: config.GATEWAY_MIN_MARGIN_BPS,
    defaultMaxTokens: config.GATEWAY_DEFAULT_MAX_TOKENS,
    usageFlawLog: failureLog,
    log: logger,
    deadlineMs: config.GATEWAY_REQUEST_DEADLINE_MS,
    onNoProvider: (model, summary) => alertForNoProvider(alerts, model, summary),
    onAttempt: (providerId, outcome) => attempts.count(providerId, outcome),
    extraHeaders: simulated ? { "x-gateway-simulated": "true" } : undefined,
  });

  return {
    gateway,
    keys,
    meter,
    breakers,
    box,
    simulated,
    catalog: () => current,
    reloadCatalog,
    apply: onEvent,
    async close() {
      clearTimeout(filterRetry);
      // Streams the drain cut (or left running) are metered now, before the meter closes.
      gateway.cutAll();
      await listener.stop();
      await prober.close();
      await limits.close();
      await invoices.close();
      await budgets.close();
      await retention.close();
      await meter.close();
      await breakers.close();
      await attempts.close();
      failureLog.close();
      await alerts.close();
      await upstream.close();
    },
  };
}

const KEY = Symbol.for("llm-gateway.runtime");
type Holder = typeof globalThis & { [KEY]?: Promise<GatewayRuntime> };

/**
 * One runtime per process, shared by the product's server and Next's route handlers
 * (which live in a separate bundle, hence globalThis rather than a module variable),
 * built from the context of the process's bootstrap.
 * @throws Error when nothing bootstrapped this process.
 */
export function getGatewayRuntime(): Promise<GatewayRuntime> {
  const holder = globalThis as Holder;
  holder[KEY] ??= gatewayContext()
    .then((context) => createRuntime(context, gatewayJobs()))
    .catch((err) => {
      delete holder[KEY];
      throw err;
    });
  return holder[KEY];
}

/** The runtime if it has started, without starting or waiting for it (readiness probes). */
export async function peekGatewayRuntime(waitMs = 100): Promise<GatewayRuntime | undefined> {
  const runtime = (globalThis as Holder)[KEY];
  if (!runtime) return undefined;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), waitMs);
  });
  try {
    return await Promise.race([runtime.catch(() => undefined), late]);
  } finally {
    clearTimeout(timer);
  }
}

export async function closeGatewayRuntime(): Promise<void> {
  const holder = globalThis as Holder;
  const runtime = holder[KEY];
  delete holder[KEY];
  if (runtime) await (await runtime).close();
}
