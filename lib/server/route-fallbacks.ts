/**
 * What a path or method no route handler serves answers under `/api/`: the API's own
 * error shape (lib/errors) instead of Next's empty 405 or its HTML 404 page.
 * (`/v1/*` gets the same from the gateway core through its catch-all route.)
 */
import { ApiError, toErrorResponse } from "@/lib/errors";
import { quoteInput } from "@/lib/http/quote-input";

export type RouteMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
const METHODS: readonly RouteMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

function errorResponse(err: ApiError): Response {
  const { status, headers, body } = toErrorResponse(err);
  return Response.json(body, { status, headers: { ...headers, "cache-control": "no-store" } });
}

/**
 * 405 handlers, with `Allow`, for every method; a route file exports those it does not
 * serve: `export const { GET, PUT, PATCH, POST } = methodNotAllowed("DELETE");`
 */
export function methodNotAllowed(...allowed: RouteMethod[]): Record<RouteMethod, () => Response> {
  const allow = allowed.join(", ");
  const handler = () =>
    errorResponse(
      new ApiError("method_not_allowed", `Method not allowed on this path; use ${allow}.`, {
        headers: { allow },
      }),
    );
  return Object.fromEntries(METHODS.map((m) => [m, handler])) as Record<
    RouteMethod,
    () => Response
  >;
}

/** 404 `not_found` for a path under `/api/` that no route serves. */
export function unknownApiPath(request: Request): Response {
  return errorResponse(
    new ApiError(
      "not_found",
      `Unknown endpoint ${quoteInput(`${request.method} ${new URL(request.url).pathname}`)}.`,
    ),
  );
}
