import { ApiError, toErrorResponse } from "@/lib/errors";

/** The methods any path of the product may be asked with; others get 405. */
export const SERVED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
const ALLOW = SERVED_METHODS.join(", ");
const SERVED = new Set<string>(SERVED_METHODS);

export interface EdgeAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What to do with a request line: answer it here, or serve `path` (origin-form). */
export type EdgeDecision = { answer: EdgeAnswer } | { path: string };

function apiError(err: ApiError): { answer: EdgeAnswer } {
  const { status, headers, body } = toErrorResponse(err);
  return {
    answer: {
      status,
      headers: { ...headers, "content-type": "application/json", "cache-control": "no-store" },
      body: JSON.stringify(body),
    },
  };
}

const badTarget = (why: string) =>
  apiError(new ApiError("invalid_request_error", `The request target is not valid: ${why}.`));

/**
 * Decides a request line before any router sees it, so every form gets a 4xx in the
 * API's shape rather than a 500 or a redirect elsewhere:
 * - a method outside {@link SERVED_METHODS} (TRACE, CONNECT, WebDAV's, ...): 405 with `Allow`;
 * - `*`: 204 with `Allow` for OPTIONS, 400 for any other method;
 * - absolute-form (`http://host/path`): served as its path when `host` is the Host the
 *   request came with (ours), 400 otherwise: never a redirect to the host it names;
 * - a path starting `//` or `/\` (which a redirect would turn into another host): 400;
 * - anything else that is not a path (authority-form, garbage): 400.
 * `host`: the Host header. Pure; never throws.
 */
export function decideRequestEdge(
  method: string,
  target: string,
  host: string | undefined,
): EdgeDecision {
  if (!SERVED.has(method.toUpperCase()))
    return apiError(
      new ApiError("method_not_allowed", `Method not allowed; use ${ALLOW}.`, {
        headers: { allow: ALLOW },
      }),
    );
  if (target === "*") {
    if (method.toUpperCase() === "OPTIONS")
      return { answer: { status: 204, headers: { allow: ALLOW }, body: "" } };
    return badTarget("'*' is only for OPTIONS");
  }
  let path = target;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      return badTarget("an absolute URL that does not parse");
    }
    const ours = host !== undefined && url.host.toLowerCase() === host.toLowerCase();
    if (!ours || (url.protocol !== "http:" && url.protocol !== "https:"))
      return badTarget("an absolute URL naming another host");
    path = `${url.pathname}${url.search}`;
  }
  if (!path.startsWith("/")) return badTarget("expected a path starting with '/'");
  if (/^\/[/\\]/.test(path)) return badTarget("a path may not start with '//' or '/\\'");
  return { path };
}

/** The 400 a dashboard page path gets when its percent-escapes do not decode: a small HTML page. */
export function undecodablePageAnswer(): EdgeAnswer {
  return {
    status: 400,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
    body: '<!doctype html><meta charset="utf-8"><title>Bad request</title><h1>400: Bad request</h1><p>This address is not valid. <a href="/">Go to the overview</a>.</p>',
  };
}
