import { usageLabel } from "./usage-label";

/** A request's end user and tags, as its usage row keeps them. */
export interface RequestLabels {
  endUser: string | null;
  tags: string[];
}

/** Bounds that keep the label rollups small whatever callers send. */
export const MAX_TAGS = 10;
export const MAX_TAG_CHARS = 64;
export const MAX_END_USER_CHARS = 128;

/**
 * Reads the end user (OpenAI's `user` field) and tags: the `x-gateway-tags` header
 * (comma-separated) and the request's `metadata` object, each entry as `key:value`.
 * At most MAX_TAGS distinct tags of MAX_TAG_CHARS each; anything else is ignored,
 * never an error, since these are for reports only.
 */
export function readRequestLabels(
  body: { user?: unknown; metadata?: unknown },
  tagsHeader: string | undefined,
): RequestLabels {
  const endUser =
    typeof body.user === "string" && body.user.trim() !== ""
      ? usageLabel(body.user.trim(), MAX_END_USER_CHARS)
      : null;
  const raw: string[] = [];
  if (tagsHeader) raw.push(...tagsHeader.split(","));
  if (body.metadata && typeof body.metadata === "object" && !Array.isArray(body.metadata)) {
    for (const [k, v] of Object.entries(body.metadata as Record<string, unknown>)) {
      if (typeof v === "string" || typeof v === "number" || typeof v === "boolean")
        raw.push(`${k}:${String(v)}`);
    }
  }
  const tags: string[] = [];
  for (const t of raw) {
    const tag = usageLabel(t.trim(), MAX_TAG_CHARS);
    if (tag !== "" && !tags.includes(tag)) tags.push(tag);
    if (tags.length === MAX_TAGS) break;
  }
  return { endUser, tags };
}
