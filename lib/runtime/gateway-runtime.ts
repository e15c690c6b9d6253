import path from "node:path";
import { SecretBox } from "@/lib/crypto/secret-box";
import { loadCatalog } from "@/lib/data/catalog/load-catalog";
import { findKeyByHash } from "@/lib/data/keys/find-key-by-hash";
import { writeUsageBatch } from "@/lib/data/usage/write-usage-batch";
import { env } from "@/lib/env";
import { EMPTY_CATALOG, type Catalog } from "@/lib/gateway/catalog";
import { createGateway, type Gateway } from "@/lib/gateway/gateway";
import { breakerConfigFromEnv } from "@/lib/gateway/resilience/breaker-config";
import { UsageBuffer } from "@/lib/gateway/metering/usage-buffer";
import { UsageJournal } from "@/lib/gateway/metering/usage-journal";
import { PROVIDER_ADAPTERS } from "@/lib/gateway/providers/adapters";
import { createUpstreamClient, upstreamTimeoutsFromEnv } from "@/lib/gateway/upstream/upstream-client";
import { log } from "@/lib/log";
import { KeyCache } from "@/lib/tenants/key-cache";
import { AlertNotifier } from "@/lib/alerts/alert-notifier";
import { prismaAlertStore } from "@/lib/alerts/prisma-alert-store";
import { CollapsingFailureLog } from "@/lib/observability/failure-log";
import { alertForBreaker, alertForNoProvider } from "./breaker-alerts";
import { BreakerService, type BreakerAlert } from "./breaker-service";
import { ClusterEventListener, type ClusterEvent } from "@/lib/cluster/cluster-events";
import { loadInstanceSecrets } from "./instance-secrets";
import { resolveBaseUrl, simulatedModeFromEnv } from "./provider-endpoints";

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
  close(): Promise<void>;
}

/** Set by the start script when it runs the built-in simulator in this process. */
export const SIMULATOR_URL_ENV = "GATEWAY_SIMULATOR_URL";

async function createRuntime(): Promise<GatewayRuntime> {
  const config = env();
  const logger = log();
  const simulated = simulatedModeFromEnv(process.env);
  const simulatorUrl = simulated ? process.env[SIMULATOR_URL_ENV] : undefined;
  if (simulated && !simulatorUrl) logger.warn("simulated providers requested but no simulator is running in this process");
  const box = new SecretBox(loadInstanceSecrets(config.GATEWAY_DATA_DIR, config).encryptionKey);

  let current: Catalog = EMPTY_CATALOG;
  const reloadCatalog = async () => {
    current = await loadCatalog({
      openSecret: (s) => box.open(s),
      baseUrlFor: (id, stored) => resolveBaseUrl(id, stored, process.env, simulatorUrl),
      simulated,
    });
  };
  await reloadCatalog();

  const alerts = new AlertNotifier({ webhookUrl: config.ALERT_WEBHOOK_URL, store: prismaAlertStore, log: logger });
  const failureLog = new CollapsingFailureLog(logger);
  const breakers = new BreakerService(breakerConfigFromEnv(process.env), logger, failureLog, (a: BreakerAlert) => alertForBreaker(alerts, a));
  await breakers.load("startup");

  const keys = new KeyCache(findKeyByHash);
  const meter = new UsageBuffer({
    write: (events) => writeUsageBatch(events),
    journal: new UsageJournal(path.join(config.GATEWAY_DATA_DIR, "usage-journal.ndjson")),
    log: logger,
  });
  meter.start();

  const onEvent = (event: ClusterEvent) => {
    switch (event.type) {
      case "key_revoked":
        keys.evictKey(event.hash);
        break;
      case "tenant_changed":
        keys.evictTenant(event.tenantId);
        break;
      case "catalog_changed":
        void reloadCatalog().catch((err: Error) => logger.error({ err: err.message }, "catalog reload failed"));
        break;
      case "breaker_changed":
        void breakers.onRemoteChange(event.scopeKey, event.manual).catch((err: Error) => logger.error({ err: err.message }, "breaker reload failed"));
        break;
      case "resync":
        keys.clear();
        void breakers.load("newer").catch((err: Error) => logger.error({ err: err.message }, "breaker reload failed"));
        void reloadCatalog().catch((err: Error) => logger.error({ err: err.message }, "catalog reload failed"));
        break;
      default: {
        const unreachable: never = event;
        return unreachable;
      }
    }
  };
  const listener = new ClusterEventListener(process.env.DATABASE_URL!, onEvent, logger);
  await listener.start();

  const upstream = createUpstreamClient(upstreamTimeoutsFromEnv(process.env));
  const gateway = createGateway({
    authenticate: (raw) => keys.authenticate(raw),
    catalog: () => current,
    adapters: PROVIDER_ADAPTERS,
    upstream,
    meter,
    health: breakers,
    log: logger,
    deadlineMs: Number(process.env.GATEWAY_REQUEST_DEADLINE_MS ?? 120_000),
    onNoProvider: (model, summary) => alertForNoProvider(alerts, model, summary),
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
    async close() {
      await listener.stop();
      await meter.close();
      await breakers.close();
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
 * (which live in a separate bundle, hence globalThis rather than a module variable).
 */
export function getGatewayRuntime(): Promise<GatewayRuntime> {
  const holder = globalThis as Holder;
  holder[KEY] ??= createRuntime().catch((err) => {
    delete holder[KEY];
    throw err;
  });
  return holder[KEY];
}

export async function closeGatewayRuntime(): Promise<void> {
  const holder = globalThis as Holder;
  const runtime = holder[KEY];
  delete holder[KEY];
  if (runtime) await (await runtime).close();
}
