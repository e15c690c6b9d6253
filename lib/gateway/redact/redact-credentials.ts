import type { Catalog } from "@/lib/gateway/catalog";
import { sanitizeMessage } from "@/lib/gateway/errors/classify-upstream-error";
import type { UpstreamFailure } from "@/lib/gateway/errors/error-class";

const REDACTED = "[redacted]";
/** Shorter secrets would match ordinary words; every real provider key is far longer. */
const MIN_SECRET_LENGTH = 6;

const secretsByCatalog = new WeakMap<Catalog, readonly string[]>();

/** Every provider key the catalog holds, longest first (so a key containing another goes whole). */
export function catalogSecrets(catalog: Catalog): readonly string[] {
  let secrets = secretsByCatalog.get(catalog);
  if (!secrets) {
    const all = new Set<string>();
    for (const list of catalog.credentialsByProvider.values())
      for (const c of list) if (c.apiKey.length >= MIN_SECRET_LENGTH) all.add(c.apiKey);
    secrets = [...all].sort((a, b) => b.length - a.length);
    secretsByCatalog.set(catalog, secrets);
  }
  return secrets;
}

/**
 * Text from an upstream made safe to relay or log: every configured credential is
 * replaced, wherever it appears, and then anything shaped like a provider key
 * (`sanitizeMessage`). `secrets` are the exact strings to remove.
 */
export function redactUpstreamText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return sanitizeMessage(out);
}

/** A failure whose provider-written fields (message, code) are redacted. */
export function redactFailure(
  failure: UpstreamFailure,
  secrets: readonly string[],
): UpstreamFailure {
  if (failure.message === undefined && failure.code === undefined) return failure;
  return {
    ...failure,
    message:
      failure.message === undefined ? undefined : redactUpstreamText(failure.message, secrets),
    code:
      failure.code === undefined
        ? undefined
        : redactUpstreamText(failure.code, secrets).slice(0, 100),
  };
}
