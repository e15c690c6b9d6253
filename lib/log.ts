import pino, { type Logger } from "pino";

/**
 * The product's one logger. Metadata only: request bodies, prompts, completions and
 * keys never reach it. The redact list is a second line of defence, not the first.
 */
function createLogger(): Logger {
  return pino({
    // LOG_LEVEL arrives with the configuration (setLogLevel); anything logged before is at info.
    level: "info",
    base: undefined,
    redact: {
      paths: [
        "key",
        "apiKey",
        "authorization",
        "headers.authorization",
        "*.apiKey",
        "*.key",
        "password",
        "*.password",
      ],
      censor: "[redacted]",
    },
  });
}

const KEY = Symbol.for("llm-gateway.logger");
type WithLogger = typeof globalThis & { [KEY]?: Logger };

/** One logger per process, shared by the custom server and Next's separately bundled routes. */
export function log(): Logger {
  const g = globalThis as WithLogger;
  g[KEY] ??= createLogger();
  return g[KEY];
}

/** Applies the configured LOG_LEVEL to the process's one logger. */
export function setLogLevel(level: string): void {
  log().level = level;
}
