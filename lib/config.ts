/**
 * The gateway's one configuration: every environment variable it reads, parsed once at
 * start by one zod schema, then handed down as a typed value. No other module reads
 * `process.env` (Next's own variables such as NEXT_RUNTIME aside).
 *
 * Adding a variable: put one line in the group it belongs to below (its name, the
 * field builder that states what it expects and its default), then read it from the
 * `Config` you were given. Units are in the names (`_MS` = milliseconds) and in the
 * README's configuration table, which lists every variable here.
 *
 * An empty value counts as unset. A bad value stops the start with one line naming the
 * variable and what it expects (see ConfigError); the values of secrets are never echoed.
 */
import { z } from "zod";
import { PROVIDERS } from "@/lib/gateway/providers/registry";

// ---------------------------------------------------------------------------------
// Field builders: each states, in words, what it expects; that text is the error.

/** One variable: unset/empty -> undefined; otherwise `parse` or an issue saying `expects`. */
function variable<T>(
  expects: string,
  parse: (raw: string) => T | undefined,
  opts: { secret?: boolean } = {},
) {
  return z
    .string()
    .optional()
    .transform((value, ctx): T | undefined => {
      const raw = value?.trim();
      if (raw === undefined || raw === "") return undefined;
      const parsed = parse(raw);
      if (parsed === undefined) {
        ctx.addIssue({
          code: "custom",
          message: expects,
          params: { secret: opts.secret === true, value: raw },
        });
        return z.NEVER;
      }
      return parsed;
    });
}

function wholeNumber(raw: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (!/^\d+$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= min && n <= max ? n : undefined;
}

/** A duration in whole milliseconds, at least `min`. */
const ms = (fallback: number, min = 0) =>
  variable(
    `a whole number of milliseconds${min > 0 ? ` >= ${min}` : ""} (e.g. ${fallback})`,
    (raw) => wholeNumber(raw, min),
  ).transform((v) => v ?? fallback);

/** A TCP port; 0 takes a free one from the system. */
const port = (fallback: number) =>
  variable("a port number from 0 to 65535", (raw) => wholeNumber(raw, 0, 65535)).transform(
    (v) => v ?? fallback,
  );

/** A whole count, at least `min`. */
const count = (fallback: number, min = 1) =>
  variable(`a whole number >= ${min} (e.g. ${fallback})`, (raw) => wholeNumber(raw, min)).transform(
    (v) => v ?? fallback,
  );

/** A size in whole bytes, at least `min`. */
const bytes = (fallback: number, min = 1) =>
  variable(`a whole number of bytes >= ${min} (e.g. ${fallback})`, (raw) =>
    wholeNumber(raw, min),
  ).transform((v) => v ?? fallback);

function parseUrl(raw: string, protocols: string[]): string | undefined {
  try {
    const url = new URL(raw);
    return protocols.includes(url.protocol) ? raw : undefined;
  } catch {
    return undefined;
  }
}

/** An http(s) URL. */
const httpUrl = () =>
  variable("an http:// or https:// URL", (raw) => parseUrl(raw, ["http:", "https:"]));

/** A Postgres connection URL; may hold a password, so never echoed. */
const postgresUrl = () =>
  variable(
    "a postgres:// or postgresql:// URL (postgresql://user:password@host:5432/database)",
    (raw) => parseUrl(raw, ["postgres:", "postgresql:"]),
    { secret: true },
  );

/** A secret string (echoed nowhere). */
const secret = () => variable("a non-empty string", (raw) => raw, { secret: true });

/** Free text. */
const text = () => variable("a non-empty string", (raw) => raw);

function oneOf<const T extends string>(values: readonly T[]) {
  return variable(`one of ${values.join(", ")}`, (raw) =>
    (values as readonly string[]).includes(raw) ? (raw as T) : undefined,
  );
}

/** A comma-separated list of provider keys; several = several credentials. */
const keyList = () =>
  variable(
    "a comma-separated list of keys",
    (raw) =>
      raw
        .split(",")
        .map((k) => k.trim())
        .filter(Boolean),
    { secret: true },
  );

/** 32 bytes, base64: the AES-256-GCM key sealing provider keys at rest. */
const encryptionKey = () =>
  variable(
    "32 bytes, base64-encoded (e.g. the output of `openssl rand -base64 32`)",
    (raw) => (Buffer.from(raw, "base64").length === 32 ? raw : undefined),
    { secret: true },
  );

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

// ---------------------------------------------------------------------------------
// The variables, by group. Defaults here are the product's defaults.

/** Serving: where and how the process listens and stops. */
const SERVER = {
  /** HTTP port; 0 takes a free one from the system. */
  PORT: port(3000),
  /** `node`: `/v1/*` straight to the gateway core (`npm start`); `next`: through the App Router's route handlers. */
  GATEWAY_V1_DOOR: oneOf(["node", "next"] as const).transform((v) => v ?? "node"),
  /**
   * How many reverse proxies stand in front: 0 trusts no `X-Forwarded-*` header (the
   * socket is the client); N takes the client address from the N-th `X-Forwarded-For`
   * entry from the right, and `X-Forwarded-Host`/`-Proto` as the nearest proxy set them.
   */
  GATEWAY_TRUST_PROXY: variable("a whole number of proxy hops from 0 to 10 (e.g. 1)", (raw) =>
    wholeNumber(raw, 0, 10),
  ).transform((v) => v ?? 0),
  /** On SIGTERM/SIGINT: how long in-flight requests and streams may take to finish before they are cut. */
  GATEWAY_DRAIN_TIMEOUT_MS: ms(10_000),
  LOG_LEVEL: oneOf(LOG_LEVELS).transform((v) => v ?? "info"),
};

/** Storage: the database and the data directory. */
const STORAGE = {
  /** Postgres; unset = an embedded, persistent Postgres under GATEWAY_DATA_DIR. */
  DATABASE_URL: postgresUrl(),
  /** Embedded database, generated secrets and the usage journal. */
  GATEWAY_DATA_DIR: text().transform((v) => v ?? ".data"),
  /** Time to open a Postgres connection before the attempt fails (every pool). */
  GATEWAY_DB_CONNECT_TIMEOUT_MS: ms(5_000, 1),
  /** Time a statement may run (server side, with a client-side read timeout 1 s above it for a hung server). */
  GATEWAY_DB_STATEMENT_TIMEOUT_MS: ms(15_000, 1),
};

/** Metering: how usage reaches Postgres, and the local journal that holds it while Postgres cannot. */
const METERING = {
  /** Time between usage batch writes; a SIGKILL while Postgres is healthy loses at most this much usage. */
  GATEWAY_USAGE_FLUSH_MS: ms(200, 1),
  /** Time between fsyncs of the usage journal while Postgres cannot take usage (a machine crash loses at most this). */
  GATEWAY_USAGE_JOURNAL_SYNC_MS: ms(50, 1),
  /** Bytes the usage journal may hold on disk; past it the meter cannot write (new metered requests get 503). */
  GATEWAY_USAGE_JOURNAL_MAX_BYTES: bytes(1024 ** 3, 65_536),
  /** How long a tenant key is trusted from memory before it is checked again; served stale past it while Postgres is away. */
  GATEWAY_KEY_CACHE_TTL_MS: ms(60_000, 1),
};

/** Secrets and the first users; each generated at first start when unset. */
const SECRETS = {
  ADMIN_API_KEY: secret(),
  ADMIN_EMAIL: text(),
  ADMIN_PASSWORD: secret(),
  AUTH_SECRET: secret(),
  GATEWAY_ENCRYPTION_KEY: encryptionKey(),
};

/** Providers: demo mode and alerts. Keys and base URLs come per provider, see PROVIDER_VARIABLES. */
const PROVIDER_MODE = {
  /** `1`: serve from the built-in simulator; `0`: never; unset: only when no provider key is set. */
  GATEWAY_SIMULATED_PROVIDERS: oneOf(["0", "1"] as const),
  /** The built-in simulator's port in demo mode (its /_sim/ fault control is for tests and the chaos script); 0 = any free port. */
  GATEWAY_SIMULATOR_PORT: count(0, 0),
  ALERT_WEBHOOK_URL: httpUrl(),
};

/** The request path's time limits. */
const REQUEST = {
  /** How long the search for a provider may take, failovers included. */
  GATEWAY_REQUEST_DEADLINE_MS: ms(120_000, 1),
  GATEWAY_UPSTREAM_CONNECT_TIMEOUT_MS: ms(5_000, 1),
  GATEWAY_UPSTREAM_HEADERS_TIMEOUT_MS: ms(60_000, 1),
  /** Longest silence between two chunks of an upstream stream. */
  GATEWAY_UPSTREAM_IDLE_TIMEOUT_MS: ms(30_000, 1),
};

/** Breaker tuning per failure class (README: "Failures, breakers and failover"). */
const BREAKERS = {
  GATEWAY_BREAKER_AUTH_PROBE_MS: ms(60_000),
  GATEWAY_BREAKER_TRANSIENT_AUTH_WINDOW_MS: ms(30_000),
  GATEWAY_BREAKER_TRANSIENT_AUTH_COOLDOWN_MS: ms(5_000),
  GATEWAY_BREAKER_BILLING_COOLDOWN_MS: ms(15 * 60_000),
  GATEWAY_BREAKER_RATE_LIMIT_COOLDOWN_MS: ms(1_000),
  GATEWAY_BREAKER_PROVIDER_WINDOW_MS: ms(10_000),
  GATEWAY_BREAKER_PROVIDER_MIN_VOLUME: count(10),
  GATEWAY_BREAKER_PROVIDER_COOLDOWN_MS: ms(5_000),
  GATEWAY_BREAKER_PROBE_TIMEOUT_MS: ms(30_000, 1),
  /** Open breakers are probed by a timer at their retry time; a client request becomes the probe only this long after it. */
  GATEWAY_BREAKER_CLIENT_PROBE_GRACE_MS: ms(5_000, 0),
};

/** Billing, limits and spend reports (README: "Money: plans, limits, invoices"). */
const BILLING = {
  /** Minimum margin over upstream cost a request is billed at, basis points (1000 = 10%). */
  GATEWAY_MIN_MARGIN_BPS: count(1000, 0),
  /** Share of a limit one instance leases at a time, percent. */
  GATEWAY_LIMIT_LEASE_PERCENT: variable("a whole percentage from 1 to 100 (e.g. 10)", (raw) =>
    wholeNumber(raw, 1, 100),
  ).transform((v) => v ?? 10),
  /** Output tokens reserved at admission when a request sets no max_tokens. */
  GATEWAY_DEFAULT_MAX_TOKENS: count(1024, 1),
  /** Days raw usage rows are kept (rollups are kept); at least 62, so a month can be invoiced again. */
  GATEWAY_USAGE_RETENTION_DAYS: count(400, 62),
  /** Hours past a month's end before its invoices issue themselves. */
  GATEWAY_INVOICE_GRACE_HOURS: count(24, 0),
  /** How often budget and allowance thresholds are checked for alerts. */
  GATEWAY_BUDGET_CHECK_MS: ms(15_000, 100),
};

const VariablesSchema = z.object({
  ...SERVER,
  ...STORAGE,
  ...METERING,
  ...SECRETS,
  ...PROVIDER_MODE,
  ...REQUEST,
  ...BREAKERS,
  ...BILLING,
});

/** `<PROVIDER>_API_KEY` and `<PROVIDER>_BASE_URL` for every provider in the registry. */
const PROVIDER_VARIABLES = z.object(
  Object.fromEntries(
    PROVIDERS.flatMap((p) => [
      ...(p.keyEnv ? [[p.keyEnv, keyList()]] : []),
      ...(p.baseUrlEnv ? [[p.baseUrlEnv, httpUrl()]] : []),
    ]),
  ) as Record<string, ReturnType<typeof keyList> | ReturnType<typeof httpUrl>>,
);

// ---------------------------------------------------------------------------------

export type Variables = z.infer<typeof VariablesSchema>;

type Env = Readonly<Record<string, string | undefined>>;

/** What one provider gets from the environment. */
export interface ProviderEnv {
  /** Its keys, in order; several = several credentials. Empty = not configured. */
  keys: string[];
  /** `<PROVIDER>_BASE_URL`, when set (SDK convention, see the README). */
  baseUrl: string | undefined;
}

export interface Config extends Variables {
  /** Per provider id (`deepseek`, `gemini`, ...). */
  providers: Record<string, ProviderEnv>;
  /** Whether providers are served by the built-in simulator (forced by GATEWAY_SIMULATED_PROVIDERS, else when no key is set). */
  simulated: boolean;
}

/** A configuration that cannot start: `message` is one line naming each bad variable and what it expects. */
export class ConfigError extends Error {
  constructor(
    readonly problems: { variable: string; expects: string }[],
    message: string,
  ) {
    super(message);
    this.name = "ConfigError";
  }
}

/**
 * Parses the environment (or any name -> value record, for tests).
 * @throws ConfigError naming every bad variable, in one line.
 */
export function parseConfig(source: Env): Config {
  const vars = VariablesSchema.safeParse(source);
  const providerVars = PROVIDER_VARIABLES.safeParse(source);
  const issues = [
    ...(vars.success ? [] : vars.error.issues),
    ...(providerVars.success ? [] : providerVars.error.issues),
  ];
  if (!vars.success || !providerVars.success) throw configError(issues);

  const providers: Record<string, ProviderEnv> = {};
  for (const p of PROVIDERS) {
    const keys = p.keyEnv ? providerVars.data[p.keyEnv] : undefined;
    const baseUrl = p.baseUrlEnv ? providerVars.data[p.baseUrlEnv] : undefined;
    providers[p.id] = {
      keys: Array.isArray(keys) ? keys : [],
      baseUrl: typeof baseUrl === "string" ? baseUrl : undefined,
    };
  }
  const flag = vars.data.GATEWAY_SIMULATED_PROVIDERS;
  const simulated =
    flag === "1" ||
    (flag === undefined && !Object.values(providers).some((p) => p.keys.length > 0));
  return { ...vars.data, providers, simulated };
}

function configError(issues: z.core.$ZodIssue[]): ConfigError {
  const problems = issues.map((issue) => {
    const variable = String(issue.path[0] ?? "?");
    const params = (issue as { params?: { secret?: boolean; value?: string } }).params;
    const shown =
      params && !params.secret && params.value !== undefined
        ? `=${JSON.stringify(params.value.slice(0, 60))}`
        : "";
    return {
      variable,
      expects: issue.message,
      line: `${variable}${shown} is invalid: expected ${issue.message}`,
    };
  });
  return new ConfigError(
    problems.map(({ variable, expects }) => ({ variable, expects })),
    `Invalid configuration: ${problems.map((p) => p.line).join("; ")}`,
  );
}

/** The standalone provider simulator (`scripts/simulator.ts`), a development tool: where it listens. */
const SimulatorSchema = z.object({
  PORT: port(4010),
  HOST: text().transform((v) => v ?? "127.0.0.1"),
});
export type SimulatorConfig = z.infer<typeof SimulatorSchema>;

/** @throws ConfigError naming every bad variable, in one line. */
export function parseSimulatorConfig(source: Env): SimulatorConfig {
  const result = SimulatorSchema.safeParse(source);
  if (!result.success) throw configError(result.error.issues);
  return result.data;
}

/**
 * The process environment's configuration for an entry point (`npm start`, Next's
 * instrumentation hook; `parse` = parseSimulatorConfig for the simulator script). On a
 * bad value: the one-line message on stderr, exit code 1.
 */
export function loadConfigOrExit(): Config;
export function loadConfigOrExit<T>(parse: (source: Env) => T): T;
export function loadConfigOrExit(parse: (source: Env) => unknown = parseConfig): unknown {
  try {
    return parse(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
}
