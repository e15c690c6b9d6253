/**
 * The secret that signs and encrypts dashboard sessions. It is resolved by the process's
 * bootstrap (AUTH_SECRET when set, else the one generated once and kept under the data
 * directory, so sessions survive a restart), which sits above lib/auth: the bootstrap
 * hands a source in here rather than lib/auth reaching up for it. Kept on globalThis,
 * under a registry Symbol, because Next's route handlers live in a bundle of their own.
 */
const KEY = Symbol.for("llm-gateway.auth-secret");
type Holder = typeof globalThis & { [KEY]?: () => Promise<string> };

/** Sets where the session secret comes from (called once per boot, before any request). */
export function provideAuthSecret(source: () => Promise<string>): void {
  (globalThis as Holder)[KEY] = source;
}

/**
 * The session secret, as the process's boot resolved it.
 * @throws Error when nothing booted this process (no source was provided), or the boot failed.
 */
export async function authSecret(): Promise<string> {
  const source = (globalThis as Holder)[KEY];
  if (!source)
    throw new Error(
      "the gateway was not bootstrapped in this process (start it with `npm start` or `next start`)",
    );
  return source();
}
