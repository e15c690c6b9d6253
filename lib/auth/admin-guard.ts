import { getPrisma } from "@/lib/db";
import { ApiError } from "@/lib/errors";
import { sha256Hex } from "@/lib/crypto/sha256";
import { bearerToken, hashesEqual } from "@/lib/gateway/keys/api-key";
import { ADMIN_KEY_SETTING } from "./admin-credentials";
import { sessionFromCookies } from "./dashboard-session";
import { isSameOriginMutation } from "./same-origin";

export interface AdminActor {
  /** Who acted, for the audit trail: `admin-api-key` or a dashboard user's email. */
  actor: string;
  /** The dashboard session the request came with (absent for the admin key). */
  sessionId?: string;
}

let cachedHash: { value: string; at: number } | undefined;

async function adminKeyHash(): Promise<string | undefined> {
  // A short cache: a rotated key takes effect within seconds without a query per call.
  if (cachedHash && Date.now() - cachedHash.at < 5_000) return cachedHash.value;
  const row = await getPrisma().setting.findUnique({ where: { key: ADMIN_KEY_SETTING } });
  if (!row) return undefined;
  cachedHash = { value: row.value, at: Date.now() };
  return row.value;
}

/**
 * Admits `Authorization: Bearer $ADMIN_API_KEY` (compared by hash in constant time) or
 * a live dashboard session. A session's state-changing calls must also come from this
 * site's own pages (CSRF); a refused one is a 403, a missing credential a 401.
 */
export async function requireAdmin(request: Request): Promise<AdminActor> {
  const token = bearerToken(request.headers.get("authorization") ?? undefined);
  if (token) {
    const expected = await adminKeyHash();
    if (expected && hashesEqual(sha256Hex(token), expected)) return { actor: "admin-api-key" };
  }
  const session = await sessionFromCookies(request.headers.get("cookie"));
  if (session) {
    if (!isSameOriginMutation(request))
      throw new ApiError(
        "forbidden",
        "Cross-site request refused: dashboard changes must come from the dashboard's own pages.",
      );
    return { actor: session.email, sessionId: session.sessionId };
  }
  throw new ApiError(
    "unauthorized",
    "Admin credentials required: send 'Authorization: Bearer <ADMIN_API_KEY>' or sign in to the dashboard.",
  );
}
