import type { z } from "zod";
import { apiErrorFromDatabase } from "@/lib/database/database-error";
import { ApiError, toErrorResponse } from "@/lib/errors";
import { jsonNestingDepth } from "@/lib/http/json-nesting-depth";
import {
  assertStorableJson,
  assertStorableParams,
  MAX_JSON_DEPTH,
} from "@/lib/http/storable-input";
import { log } from "@/lib/log";
import { describeIssue } from "@/lib/http/describe-issue";
import { requireAdmin, type AdminActor } from "./admin-guard";

/** JSON with BigInt money as plain integers (exact below 2^53 micro-dollars, i.e. $9 billion). */
export function jsonResponse(
  data: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  const body = JSON.stringify(data, (_k, v: unknown) =>
    typeof v === "bigint"
      ? v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER)
        ? Number(v)
        : v.toString()
      : v,
  );
  return new Response(body, {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

type Params = Record<string, string>;
type Handler = (ctx: { request: Request; params: Params; actor: AdminActor }) => Promise<unknown>;

/**
 * The admin API's one wrapper: guard, run, serialise, and turn any failure into an
 * OpenAI-shaped error without internals. Handlers return data or a Response.
 */
export function adminRoute(handler: Handler, successStatus = 200) {
  return async (request: Request, context: { params: Promise<Params> }): Promise<Response> => {
    try {
      const actor = await requireAdmin(request);
      const params = await readParams(context.params);
      return await runHandler(handler, { request, params, actor }, successStatus);
    } catch (err) {
      // Postgres refusing a value is the caller's 400, Postgres away a 503: never a 500.
      const known = err instanceof ApiError ? err : apiErrorFromDatabase(err);
      if (!known)
        log().error({ err: (err as Error)?.message, path: safePath(request) }, "admin API error");
      const { status, headers, body } = toErrorResponse(known ?? err);
      return jsonResponse(body, status, headers);
    }
  };
}

async function runHandler(
  handler: Handler,
  ctx: Parameters<Handler>[0],
  successStatus: number,
): Promise<Response> {
  const result = await handler(ctx);
  return result instanceof Response ? result : jsonResponse(result, successStatus);
}

/** Path parameters, checked before any of them reaches Postgres. */
async function readParams(pending: Promise<Params>): Promise<Params> {
  let params: Params;
  try {
    // Routes without dynamic segments get no params at all.
    params = (await pending) ?? {};
  } catch {
    throw new ApiError(
      "invalid_request_error",
      "The request path is not valid (malformed percent-escape).",
    );
  }
  assertStorableParams(params);
  return params;
}

function safePath(request: Request): string {
  try {
    return new URL(request.url).pathname.slice(0, 200);
  } catch {
    return "(unparseable)";
  }
}

/** Largest admin JSON body, in bytes. */
export const MAX_ADMIN_BODY_BYTES = 1024 * 1024;

/**
 * Parses a JSON body against a schema, or a 400 naming the first bad field. An empty
 * body reads as `{}` so that actions with only optional fields need no body.
 */
export async function parseJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<z.infer<S>> {
  if (Number(request.headers.get("content-length")) > MAX_ADMIN_BODY_BYTES) throw tooLarge();
  const text = await request.text();
  if (text.length > MAX_ADMIN_BODY_BYTES) throw tooLarge();
  let json: unknown = {};
  // Measured before parsing: the storable check below walks the parsed value recursively.
  if (jsonNestingDepth(Buffer.from(text), MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    throw new ApiError(
      "invalid_request_error",
      `The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels.`,
    );
  }
  if (text.trim() !== "") {
    try {
      json = JSON.parse(text);
    } catch {
      throw new ApiError(
        "invalid_json",
        "We could not parse the JSON body of your request. Send valid JSON.",
      );
    }
  }
  assertStorableJson(json);
  return parseWith(schema, json);
}

function tooLarge(): ApiError {
  return new ApiError(
    "request_too_large",
    `Request body exceeds the ${MAX_ADMIN_BODY_BYTES / 1024 / 1024} MiB limit.`,
  );
}

export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  assertStorableParams(query, 2_000);
  return parseWith(schema, query);
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const { param, message } = describeIssue(result.error.issues[0]!, schema);
    throw new ApiError("invalid_request_error", message, { param });
  }
  return result.data;
}
