import type { z } from "zod";
import { ApiError, toErrorResponse } from "@/lib/errors";
import { log } from "@/lib/log";
import { requireAdmin, type AdminActor } from "./admin-guard";

/** JSON with BigInt money as plain integers (exact below 2^53 micro-dollars, i.e. $9 billion). */
export function jsonResponse(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  const body = JSON.stringify(data, (_k, v: unknown) => (typeof v === "bigint" ? (v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v.toString()) : v));
  return new Response(body, { status, headers: { "content-type": "application/json", ...headers } });
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
      const result = await handler({ request, params: await context.params, actor });
      return result instanceof Response ? result : jsonResponse(result, successStatus);
    } catch (err) {
      if (!(err instanceof ApiError)) log().error({ err: (err as Error)?.message, path: new URL(request.url).pathname }, "admin API error");
      const { status, headers, body } = toErrorResponse(err);
      return jsonResponse(body, status, headers);
    }
  };
}

/**
 * Parses a JSON body against a schema, or a 400 naming the first bad field. An empty
 * body reads as `{}` so that actions with only optional fields need no body.
 */
export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const text = await request.text();
  let json: unknown = {};
  if (text.trim() !== "") {
    try {
      json = JSON.parse(text);
    } catch {
      throw new ApiError("invalid_json", "We could not parse the JSON body of your request. Send valid JSON.");
    }
  }
  return parseWith(schema, json);
}

export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  return parseWith(schema, Object.fromEntries(new URL(request.url).searchParams));
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const param = issue.path.map(String).join(".") || null;
    throw new ApiError("invalid_request_error", param ? `Invalid value for '${param}': ${issue.message}` : issue.message, { param });
  }
  return result.data;
}
