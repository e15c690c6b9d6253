import { ApiError, toErrorResponse } from "@/lib/errors";

/**
 * Whether every segment of a request path decodes (no malformed percent-escape such as
 * `%zz` or `%E0%A4%A`, no escaped bytes that are not UTF-8 such as `%FF` or `%C0%80`).
 * `pathname`: the raw path, without the query string.
 */
export function isDecodablePath(pathname: string): boolean {
  if (!pathname.includes("%")) return true;
  try {
    for (const segment of pathname.split("/")) decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

/** The API's 400 for a path that does not decode: status, headers, JSON body. */
export function undecodablePathResponse(): {
  status: number;
  headers: Record<string, string>;
  body: string;
} {
  const { status, headers, body } = toErrorResponse(
    new ApiError(
      "invalid_request_error",
      "The request path is not valid (malformed percent-escape or bytes that are not UTF-8).",
    ),
  );
  return {
    status,
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify(body),
  };
}
