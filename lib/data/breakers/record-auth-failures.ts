import { getPrisma } from "@/lib/db";

export interface AuthFailureInput {
  credentialId: string;
  providerId: string;
  httpStatus: number;
  errorClass: string;
  code: string | null;
  message: string | null;
  requestId: string;
  createdAt: Date;
}

/** One row per upstream 401/403, written in batches; the breakers keep their number bounded. */
export async function recordAuthFailures(rows: AuthFailureInput[]): Promise<void> {
  if (rows.length === 0) return;
  await getPrisma().authFailure.createMany({ data: rows });
}
