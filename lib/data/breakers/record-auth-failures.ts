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

/**
 * One row per upstream 401/403, written in batches (the breakers keep their number
 * bounded), and in the same transaction the per-minute counts the timeline reads.
 */
export async function recordAuthFailures(rows: AuthFailureInput[]): Promise<void> {
  if (rows.length === 0) return;
  const perMinute = new Map<
    string,
    { minute: Date; credentialId: string; httpStatus: number; count: number }
  >();
  for (const r of rows) {
    const minute = new Date(Math.floor(r.createdAt.getTime() / 60_000) * 60_000);
    const key = `${minute.getTime()}|${r.credentialId}|${r.httpStatus}`;
    const m = perMinute.get(key) ?? {
      minute,
      credentialId: r.credentialId,
      httpStatus: r.httpStatus,
      count: 0,
    };
    m.count++;
    perMinute.set(key, m);
  }
  const minutes = [...perMinute.values()];
  const prisma = getPrisma();
  await prisma.$transaction([
    prisma.authFailure.createMany({ data: rows }),
    prisma.$executeRaw`
      INSERT INTO "AuthFailureMinute" ("minute", "credentialId", "httpStatus", "count")
      SELECT * FROM unnest(${minutes.map((m) => m.minute)}::timestamp(3)[], ${minutes.map((m) => m.credentialId)}::text[], ${minutes.map((m) => m.httpStatus)}::int[], ${minutes.map((m) => m.count)}::int[])
      ON CONFLICT ("minute", "credentialId", "httpStatus") DO UPDATE SET "count" = "AuthFailureMinute"."count" + EXCLUDED."count"`,
  ]);
}
