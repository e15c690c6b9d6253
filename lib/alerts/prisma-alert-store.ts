import type { Prisma } from "@/lib/generated/prisma/client";
import { createAlert } from "@/lib/data/alerts/create-alert";
import { markAlertDelivery } from "@/lib/data/alerts/mark-alert-delivery";
import type { AlertStore } from "./alert-notifier";

/** The AlertStore the product runs with: alert rows in Postgres, read back by the dashboard. */
export const prismaAlertStore: AlertStore = {
  create: ({ kind, message, payload, createdAt }) =>
    // The notifier hands over a payload it has already made JSON-safe.
    createAlert({ kind, message, payload: payload as Prisma.InputJsonObject, createdAt }),
  markDelivery: (id, delivery) => markAlertDelivery(id, delivery),
};
