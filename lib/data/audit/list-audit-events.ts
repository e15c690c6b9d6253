import { getPrisma } from "@/lib/db";

export interface ListAuditOptions {
  /** Epoch ms, inclusive. */
  from?: number;
  /** Epoch ms, exclusive. */
  to?: number;
  actor?: string;
  /** An exact action (`price.changed`) or a family (`price`, `invoice`). */
  action?: string;
  limit: number;
  cursor?: string;
}

/** Who did what, when, newest first, keyset-paginated on the event id. */
export async function listAuditEvents(o: ListAuditOptions) {
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
