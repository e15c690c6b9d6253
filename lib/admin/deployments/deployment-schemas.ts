import { z } from "zod";
import { pricePer1MMicros } from "../prices/price-schemas";

/**
 * Admin API input shapes for the catalogue's deployments: one upstream model of one
 * provider, the names callers use for it, its kind and its prices (integer micro-dollars
 * per 1M tokens). Pure zod, so the dashboard's form checks a draft with the same rules
 * before it sends it.
 */

/** The name `auto` means "the cheapest deployment the key may use": no deployment owns it. */
const RESERVED_ALIAS = "auto";

/** Slug of a registered provider (`deepseek`, `openai`, ...). */
const provider = z.string().trim().min(1, "name a registered provider").max(64);

/**
 * The model id the upstream expects, as its own API spells it: `gpt-4o`,
 * `meta-llama/llama-3.3-70b-instruct`, `claude-3-5-sonnet@20240620`. No whitespace or
 * control characters, which no provider uses and which would corrupt `provider/model`.
 */
const model = z
  .string()
  .trim()
  .min(1, "give the model id the provider expects")
  .max(200)
  .regex(/^[^\s\p{Cc}]+$/u, "a model id has no spaces or control characters")
  // `provider/*` in a key's allowed models means every model of the provider.
  .refine((m) => m !== "*", { message: "'*' is not a model id: 'provider/*' means every model" });

/**
 * A plain name callers may send as `model`. Without `/`, so it can never be taken for
 * another deployment's `provider/model`.
 */
export const aliasSchema = z
  .string()
  .trim()
  .min(1, "an alias cannot be empty")
  .max(100)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._:@+-]*$/,
    "an alias is letters, digits and . _ : @ + - (no spaces, no '/'), starting with a letter or digit",
  )
  .refine((a) => a !== RESERVED_ALIAS, {
    message: "'auto' is the gateway's own name for the cheapest deployment",
  });

const aliases = z
  .array(aliasSchema)
  .max(20, "at most 20 aliases")
  .refine((list) => new Set(list).size === list.length, {
    message: "an alias is listed twice",
  });

/** `chat` serves chat, messages and responses; `embedding` serves /v1/embeddings only. */
export const DEPLOYMENT_KINDS = ["chat", "embedding"] as const;
export type DeploymentKind = (typeof DEPLOYMENT_KINDS)[number];
const kind = z.enum(DEPLOYMENT_KINDS, { message: "kind is 'chat' or 'embedding'" });

/** Tokens the model takes in one request (prompt plus output), when known. */
const contextWindow = z
  .number()
  .int("must be a whole number of tokens")
  .positive("must be at least 1 token")
  .max(100_000_000, "must be at most 100,000,000 tokens");

const optionalPrice = pricePer1MMicros.nullable().optional();

const fields = {
  provider,
  model,
  aliases,
  kind,
  inputPricePer1MMicros: pricePer1MMicros,
  outputPricePer1MMicros: pricePer1MMicros,
  /** Cache reads; null: no discount, billed as input. */
  cachedInputPricePer1MMicros: optionalPrice,
  /** Anthropic's cache writes; null: the input price. */
  cacheWritePricePer1MMicros: optionalPrice,
  /** What tenants are billed; null: their plan's overage price. */
  billedPricePer1MMicros: optionalPrice,
  contextWindow: contextWindow.nullable().optional(),
  enabled: z.boolean(),
};

/**
 * `POST /api/admin/deployments`. `kind` defaults to chat, `aliases` to none, `enabled`
 * to true; a chat deployment must state its output price, an embedding one may omit it
 * (it has no output tokens; stored as 0).
 */
export const DeploymentCreateSchema = z
  .strictObject({
    ...fields,
    aliases: fields.aliases.default([]),
    kind: fields.kind.default("chat"),
    outputPricePer1MMicros: fields.outputPricePer1MMicros.optional(),
    enabled: fields.enabled.default(true),
  })
  .superRefine((d, ctx) => {
    if (d.kind === "chat" && d.outputPricePer1MMicros === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["outputPricePer1MMicros"],
        message: "is required for a chat deployment",
      });
  });

export type DeploymentCreate = z.output<typeof DeploymentCreateSchema>;

/**
 * `PATCH /api/admin/deployments/{id}`: any of the fields; omitted ones stay. `{enabled}`
 * alone takes the deployment out of routing or puts it back.
 */
export const DeploymentUpdateSchema = z
  .strictObject(fields)
  .partial()
  .refine((d) => Object.keys(d).length > 0, { message: "send at least one field to change" });

export type DeploymentUpdate = z.output<typeof DeploymentUpdateSchema>;
