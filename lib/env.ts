import { z } from "zod";

/**
 * Environment, parsed once. Only names from the product contract live here; anything
 * derived (generated secrets, the embedded database URL) is resolved at start-up.
 */
const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const EnvSchema = z.object({
  DATABASE_URL: optional,
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  ADMIN_API_KEY: optional,
  ADMIN_EMAIL: optional,
  ADMIN_PASSWORD: optional,
  AUTH_SECRET: optional,
  GATEWAY_ENCRYPTION_KEY: optional,
  OPENAI_API_KEY: optional,
  DEEPSEEK_API_KEY: optional,
  GEMINI_API_KEY: optional,
  OPENROUTER_API_KEY: optional,
  ANTHROPIC_API_KEY: optional,
  OPENAI_BASE_URL: optional,
  DEEPSEEK_BASE_URL: optional,
  GEMINI_BASE_URL: optional,
  OPENROUTER_BASE_URL: optional,
  ANTHROPIC_BASE_URL: optional,
  GATEWAY_SIMULATED_PROVIDERS: z.enum(["0", "1"]).optional(),
  ALERT_WEBHOOK_URL: optional,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Where the embedded database, generated secrets and the usage journal live. */
  GATEWAY_DATA_DIR: z.string().default(".data"),
});

export type Env = z.infer<typeof EnvSchema>;

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${issues}`);
  }
  return result.data;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
