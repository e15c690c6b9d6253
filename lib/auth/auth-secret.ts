import { gatewayContext } from "@/lib/runtime/process-gateway";

/**
 * The secret that signs and encrypts dashboard sessions: AUTH_SECRET when set, else
 * the one generated once and kept under the data directory (so sessions survive a
 * restart), as the process's bootstrap resolved it.
 */
export async function authSecret(): Promise<string> {
  return (await gatewayContext()).secrets.authSecret;
}
