import type { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/db";

export interface CreateAlertInput {
  kind: string;
  /** The one-line, already redacted text the webhook receives. */
  message: string;
  payload?: Prisma.InputJsonValue;
  /** Passed in so the row and the webhook body carry the same instant. */
  createdAt?: Date;
}

/** Stores a raised alert before any delivery is tried, so the dashboard has it even when the webhook is down. */
export async function createAlert(input: CreateAlertInput): Promise<bigint> {
  const row = await getPrisma().alert.create({ data: input, select: { id: true } });
  return row.id;
}
