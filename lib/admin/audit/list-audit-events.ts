import { getPrisma } from "@/lib/db";
import type { AuditQuery } from "./audit-schemas";

/**
 * Who did what, when, newest first, keyset-paginated on the event id: `{data, nextCursor}`,
 * `nextCursor` null on the last page. `from` (inclusive) and `to` (exclusive) are ISO 8601;
 * `action` is an exact action or a family (`price` matches `price.changed`).
 */
export async function listAuditEvents(o: AuditQuery) {
  const rows = await getPrisma().auditEvent.findMany({
    where: {
      id: o.cursor ? { lt: BigInt(o.cursor) } : undefined,
      createdAt:
        o.from !== undefined || o.to !== undefined
          ? {
              gte: o.from === undefined ? undefined : new Date(o.from),
              lt: o.to === undefined ? undefined : new Date(o.to),
            }
          : undefined,
      actor: o.actor,
      ...(o.action
        ? { OR: [{ action: o.action }, { action: { startsWith: `${o.action}.` } }] }
        : {}),
    },
    orderBy: { id: "desc" },
    take: o.limit,
  });
  return {
    data: rows.map((r) => ({ ...r, id: r.id.toString(), createdAt: r.createdAt.toISOString() })),
    nextCursor: rows.length === o.limit ? rows.at(-1)!.id.toString() : null,
  };
}
