import { getPrisma } from "@/lib/db";

export interface AlertDeliveryUpdate {
  /** Webhook attempts so far, including the one just made. */
  attempts: number;
  deliveredAt?: Date;
  lastError?: string;
}

/** Records the webhook outcome on the alert row; fields left undefined keep their stored value. */
export async function markAlertDelivery(id: bigint, update: AlertDeliveryUpdate): Promise<void> {
  await getPrisma().alert.update({ where: { id }, data: update });
}
