/** Thrown when the session is gone; the page is sent to the sign-in page. */
export class UnauthorizedError extends Error {}

/** An admin API error, with the API's own message to show the person. */
export class AdminApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
    /** The request field the API named (`error.param`), for the form to point at. */
    readonly param: string | null = null,
  ) {
    super(message);
  }
}

/**
 * The dashboard's one way to call the admin API: JSON in and out, the session cookie
 * sent along (same origin), the API's error message surfaced, and a 401 (session
 * expired or user disabled) sending the browser to /login.
 */
export async function adminFetch<T>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const res = await fetch(path, {
    method: init.method ?? "GET",
    headers:
      init.body === undefined
        ? { accept: "application/json" }
        : { accept: "application/json", "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: "same-origin",
    signal: init.signal,
  });
  if (res.status === 401) {
    if (typeof window !== "undefined")
      window.location.assign(
        new URL(
          `/login?callbackUrl=${encodeURIComponent(window.location.pathname)}`,
          window.location.origin,
        ).href,
      );
    throw new UnauthorizedError("Signed out");
  }
  const text = await res.text();
  const json = text ? (JSON.parse(text) as unknown) : null;
  if (!res.ok) {
    const err = (json as { error?: { message?: string; code?: string; param?: string } } | null)
      ?.error;
    throw new AdminApiError(
      err?.message ?? `Request failed (${res.status})`,
      res.status,
      err?.code ?? null,
      err?.param ?? null,
    );
  }
  return json as T;
}

/** Builds `path?query` from defined values only. */
export function withQuery(
  path: string,
  query: Record<string, string | number | undefined | null>,
): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== "") params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
