import { getPrisma } from "@/lib/db";

/**
 * 401/403 counts per credential per time bucket, from the per-minute counts written with
 * the failures (`AuthFailureMinute`), so a storm of a million failures is read as a few
 * hundred rows. The bucket grows with the range (1 minute up to 6 hours, 10 minutes for
 * a day, ...) to keep about 360 buckets at most; `bucketSeconds` says which was used.
 * Minutes are whole: the range's ends are taken to the minute that holds them. The range
 * defaults to the hour up to now (`to` now, `from` an hour before `to`).
 */
export async function authFailureTimeline({
  from: givenFrom,
  to: givenTo,
  credentialId,
}: {
  from?: Date;
  to?: Date;
  credentialId?: string;
}) {
  const to = givenTo ?? new Date();
  const from = givenFrom ?? new Date(to.getTime() - 60 * 60_000);
  const spanS = Math.max(60, (to.getTime() - from.getTime()) / 1000);
  const bucketSeconds =
    [60, 300, 600, 1800, 3600, 21_600, 86_400].find((b) => spanS / b <= 360) ?? 86_400;
  const prisma = getPrisma();
  const firstMinute = new Date(Math.floor(from.getTime() / 60_000) * 60_000);
  const rows = credentialId
    ? await prisma.$queryRaw<
        { bucket: Date; credentialId: string; status: number; count: bigint }[]
      >`
        SELECT to_timestamp(floor(extract(epoch FROM "minute") / ${bucketSeconds}) * ${bucketSeconds}) AS bucket, "credentialId", "httpStatus" AS status, sum("count") AS count
        FROM "AuthFailureMinute" WHERE "minute" >= ${firstMinute} AND "minute" <= ${to} AND "credentialId" = ${credentialId}
        GROUP BY 1, 2, 3 ORDER BY 1`
    : await prisma.$queryRaw<
        { bucket: Date; credentialId: string; status: number; count: bigint }[]
      >`
        SELECT to_timestamp(floor(extract(epoch FROM "minute") / ${bucketSeconds}) * ${bucketSeconds}) AS bucket, "credentialId", "httpStatus" AS status, sum("count") AS count
        FROM "AuthFailureMinute" WHERE "minute" >= ${firstMinute} AND "minute" <= ${to}
        GROUP BY 1, 2, 3 ORDER BY 1`;
  const transitions = await prisma.breakerEvent.findMany({
    where: { createdAt: { gte: from, lte: to }, credentialId: credentialId ?? { not: null } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 500,
  });
  return {
    from,
    to,
    bucketSeconds,
    buckets: rows.map((r) => ({
      at: r.bucket,
      credentialId: r.credentialId,
      status: r.status,
      count: Number(r.count),
    })),
    total: rows.reduce((s, r) => s + Number(r.count), 0),
    transitions: transitions.map((e) => ({
      id: e.id.toString(),
      credentialId: e.credentialId,
      from: e.fromState,
      to: e.toState,
      errorClass: e.errorClass,
      actor: e.actor,
      note: e.note,
      at: e.createdAt,
    })),
  };
}
